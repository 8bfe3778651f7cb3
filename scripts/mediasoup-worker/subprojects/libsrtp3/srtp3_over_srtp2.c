/*
 * phonghop: libsrtp 3 calls used by mediasoup, implemented with libsrtp 2.
 * See include/srtp.h for the list and what is not supported.
 */
#include "srtp.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct phonghop_srtp3_policy {
    srtp_policy_t v2; /* libsrtp 2's policy struct (v2.key points into key below) */
    unsigned char key[SRTP_MAX_KEY_LEN]; /* master key followed by master salt */
    int has_profile;
    int has_key;
};

/* libsrtp 2 encrypts in place and may append this much after the packet. */
#define RTP_TRAILER_ROOM ((size_t)SRTP_MAX_TRAILER_LEN)
/* SRTCP also appends the 4-byte E flag + SRTCP index. */
#define RTCP_TRAILER_ROOM ((size_t)SRTP_MAX_TRAILER_LEN + 4u)

srtp_err_status_t phonghop_srtp3_policy_create(phonghop_srtp3_policy_t *policy)
{
    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    *policy = calloc(1, sizeof(struct phonghop_srtp3_policy));
    if (*policy == NULL) {
        return srtp_err_status_alloc_fail;
    }
    (*policy)->v2.next = NULL;
    return srtp_err_status_ok;
}

void phonghop_srtp3_policy_destroy(phonghop_srtp3_policy_t policy)
{
    if (policy == NULL) {
        return;
    }
    /* Key material must not linger in freed memory. */
    memset(policy->key, 0, sizeof(policy->key));
    free(policy);
}

srtp_err_status_t phonghop_srtp3_policy_set_ssrc(phonghop_srtp3_policy_t policy, srtp_ssrc_t ssrc)
{
    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    policy->v2.ssrc = ssrc;
    return srtp_err_status_ok;
}

srtp_err_status_t phonghop_srtp3_policy_set_profile(phonghop_srtp3_policy_t policy,
                                                    srtp_profile_t profile)
{
    srtp_err_status_t status;

    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    status = srtp_crypto_policy_set_from_profile_for_rtp(&policy->v2.rtp, profile);
    if (status != srtp_err_status_ok) {
        return status;
    }
    status = srtp_crypto_policy_set_from_profile_for_rtcp(&policy->v2.rtcp, profile);
    if (status != srtp_err_status_ok) {
        return status;
    }
    policy->has_profile = 1;
    return srtp_err_status_ok;
}

srtp_err_status_t phonghop_srtp3_policy_add_key(phonghop_srtp3_policy_t policy,
                                                const uint8_t *key,
                                                size_t key_len,
                                                const uint8_t *salt,
                                                size_t salt_len,
                                                const uint8_t *mki,
                                                size_t mki_len)
{
    if (policy == NULL || key == NULL || (salt == NULL && salt_len != 0)) {
        return srtp_err_status_bad_param;
    }
    /* Only one master key, without MKI. */
    if (policy->has_key || mki != NULL || mki_len != 0) {
        return srtp_err_status_bad_param;
    }
    if (key_len > sizeof(policy->key) || salt_len > sizeof(policy->key) - key_len) {
        return srtp_err_status_bad_param;
    }
    memcpy(policy->key, key, key_len);
    if (salt_len != 0) {
        memcpy(policy->key + key_len, salt, salt_len);
    }
    policy->v2.key = policy->key;
    policy->has_key = 1;
    return srtp_err_status_ok;
}

srtp_err_status_t phonghop_srtp3_policy_set_allow_repeat_tx(phonghop_srtp3_policy_t policy,
                                                            bool allow)
{
    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    policy->v2.allow_repeat_tx = allow ? 1 : 0;
    return srtp_err_status_ok;
}

srtp_err_status_t phonghop_srtp3_policy_set_window_size(phonghop_srtp3_policy_t policy,
                                                        size_t window_size)
{
    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    /* Same bounds libsrtp 2 enforces in srtp_create(); 0 means its default (128). */
    if (window_size != 0 && (window_size < 64 || window_size >= 0x8000)) {
        return srtp_err_status_bad_param;
    }
    policy->v2.window_size = (unsigned long)window_size;
    return srtp_err_status_ok;
}

srtp_err_status_t phonghop_srtp3_create(srtp_t *session, phonghop_srtp3_policy_t policy)
{
    if (session == NULL || policy == NULL || !policy->has_profile || !policy->has_key) {
        return srtp_err_status_bad_param;
    }
    /* libsrtp 2 derives the session keys here: the policy may be destroyed afterwards. */
    policy->v2.key = policy->key;
    policy->v2.next = NULL;
    return srtp_create(session, &policy->v2);
}

/* Copies `in` to `out` (unless they are the same buffer) after checking that `out`
 * can also take `room` more bytes, and that the result fits libsrtp 2's int length. */
static srtp_err_status_t prepare_out(const uint8_t *in,
                                     size_t in_len,
                                     uint8_t *out,
                                     size_t out_capacity,
                                     size_t room,
                                     int *len)
{
    if (in == NULL || out == NULL) {
        return srtp_err_status_bad_param;
    }
    if (in_len > (size_t)INT_MAX - room) {
        return srtp_err_status_bad_param;
    }
    if (out_capacity < in_len + room) {
        return PHONGHOP_SRTP_ERR_BUFFER_SMALL;
    }
    if (in != out) {
        memmove(out, in, in_len);
    }
    *len = (int)in_len;
    return srtp_err_status_ok;
}

srtp_err_status_t phonghop_srtp3_protect(srtp_t ctx,
                                         const uint8_t *rtp,
                                         size_t rtp_len,
                                         uint8_t *srtp,
                                         size_t *srtp_len,
                                         size_t mki_index)
{
    int len = 0;
    srtp_err_status_t status;

    if (srtp_len == NULL) {
        return srtp_err_status_bad_param;
    }
    if (mki_index != 0) {
        return srtp_err_status_bad_mki;
    }
    status = prepare_out(rtp, rtp_len, srtp, *srtp_len, RTP_TRAILER_ROOM, &len);
    if (status != srtp_err_status_ok) {
        return status;
    }
    status = srtp_protect(ctx, srtp, &len);
    if (status == srtp_err_status_ok) {
        *srtp_len = (size_t)len;
    }
    return status;
}

srtp_err_status_t phonghop_srtp3_unprotect(srtp_t ctx,
                                           const uint8_t *srtp,
                                           size_t srtp_len,
                                           uint8_t *rtp,
                                           size_t *rtp_len)
{
    int len = 0;
    srtp_err_status_t status;

    if (rtp_len == NULL) {
        return srtp_err_status_bad_param;
    }
    status = prepare_out(srtp, srtp_len, rtp, *rtp_len, 0, &len);
    if (status != srtp_err_status_ok) {
        return status;
    }
    status = srtp_unprotect(ctx, rtp, &len);
    if (status == srtp_err_status_ok) {
        *rtp_len = (size_t)len;
    }
    return status;
}

srtp_err_status_t phonghop_srtp3_protect_rtcp(srtp_t ctx,
                                              const uint8_t *rtcp,
                                              size_t rtcp_len,
                                              uint8_t *srtcp,
                                              size_t *srtcp_len,
                                              size_t mki_index)
{
    int len = 0;
    srtp_err_status_t status;

    if (srtcp_len == NULL) {
        return srtp_err_status_bad_param;
    }
    if (mki_index != 0) {
        return srtp_err_status_bad_mki;
    }
    status = prepare_out(rtcp, rtcp_len, srtcp, *srtcp_len, RTCP_TRAILER_ROOM, &len);
    if (status != srtp_err_status_ok) {
        return status;
    }
    status = srtp_protect_rtcp(ctx, srtcp, &len);
    if (status == srtp_err_status_ok) {
        *srtcp_len = (size_t)len;
    }
    return status;
}

srtp_err_status_t phonghop_srtp3_unprotect_rtcp(srtp_t ctx,
                                                const uint8_t *srtcp,
                                                size_t srtcp_len,
                                                uint8_t *rtcp,
                                                size_t *rtcp_len)
{
    int len = 0;
    srtp_err_status_t status;

    if (rtcp_len == NULL) {
        return srtp_err_status_bad_param;
    }
    status = prepare_out(srtcp, srtcp_len, rtcp, *rtcp_len, 0, &len);
    if (status != srtp_err_status_ok) {
        return status;
    }
    status = srtp_unprotect_rtcp(ctx, rtcp, &len);
    if (status == srtp_err_status_ok) {
        *rtcp_len = (size_t)len;
    }
    return status;
}

srtp_err_status_t phonghop_srtp3_stream_remove(srtp_t session, uint32_t ssrc)
{
    /* Both APIs take the SSRC in network byte order. */
    return srtp_remove_stream(session, ssrc);
}
