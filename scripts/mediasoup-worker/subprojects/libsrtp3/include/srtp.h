/*
 * phonghop: the subset of the libsrtp 3 API that mediasoup's worker uses, on top of
 * Debian's libsrtp 2 (libsrtp2-dev). mediasoup includes <srtp.h>; this file is found
 * first because the libsrtp3 shim subproject puts its include/ folder on the path.
 *
 * What differs from libsrtp 2 and is provided here under phonghop_srtp3_* names
 * (the v3 names are macros below, so nothing clashes with libsrtp2's own symbols):
 *   - srtp_protect/unprotect(_rtcp) take (in, in_len, out, &out_len[, mki_index])
 *     instead of working in place on (buffer, &int_len);
 *   - srtp_policy_t is an opaque handle built with srtp_policy_create/set_.../add_key
 *     and srtp_create() takes that handle;
 *   - srtp_stream_remove() is libsrtp 2's srtp_remove_stream();
 *   - two error codes that libsrtp 2 does not have.
 * Not supported: MKI (add_key with an MKI, mki_index != 0) and cryptex.
 */
#ifndef PHONGHOP_SRTP3_OVER_SRTP2_H
#define PHONGHOP_SRTP3_OVER_SRTP2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <srtp2/srtp.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libsrtp 2 stops at srtp_err_status_pkt_idx_adv (27). */
#define PHONGHOP_SRTP_ERR_BUFFER_SMALL ((srtp_err_status_t)28)
#define PHONGHOP_SRTP_ERR_CRYPTEX ((srtp_err_status_t)29)

typedef struct phonghop_srtp3_policy *phonghop_srtp3_policy_t;

srtp_err_status_t phonghop_srtp3_policy_create(phonghop_srtp3_policy_t *policy);
void phonghop_srtp3_policy_destroy(phonghop_srtp3_policy_t policy);
srtp_err_status_t phonghop_srtp3_policy_set_ssrc(phonghop_srtp3_policy_t policy, srtp_ssrc_t ssrc);
srtp_err_status_t phonghop_srtp3_policy_set_profile(phonghop_srtp3_policy_t policy,
                                                    srtp_profile_t profile);
srtp_err_status_t phonghop_srtp3_policy_add_key(phonghop_srtp3_policy_t policy,
                                                const uint8_t *key,
                                                size_t key_len,
                                                const uint8_t *salt,
                                                size_t salt_len,
                                                const uint8_t *mki,
                                                size_t mki_len);
srtp_err_status_t phonghop_srtp3_policy_set_allow_repeat_tx(phonghop_srtp3_policy_t policy,
                                                            bool allow);
srtp_err_status_t phonghop_srtp3_policy_set_window_size(phonghop_srtp3_policy_t policy,
                                                        size_t window_size);
srtp_err_status_t phonghop_srtp3_create(srtp_t *session, phonghop_srtp3_policy_t policy);

srtp_err_status_t phonghop_srtp3_protect(srtp_t ctx,
                                         const uint8_t *rtp,
                                         size_t rtp_len,
                                         uint8_t *srtp,
                                         size_t *srtp_len,
                                         size_t mki_index);
srtp_err_status_t phonghop_srtp3_unprotect(srtp_t ctx,
                                           const uint8_t *srtp,
                                           size_t srtp_len,
                                           uint8_t *rtp,
                                           size_t *rtp_len);
srtp_err_status_t phonghop_srtp3_protect_rtcp(srtp_t ctx,
                                              const uint8_t *rtcp,
                                              size_t rtcp_len,
                                              uint8_t *srtcp,
                                              size_t *srtcp_len,
                                              size_t mki_index);
srtp_err_status_t phonghop_srtp3_unprotect_rtcp(srtp_t ctx,
                                                const uint8_t *srtcp,
                                                size_t srtcp_len,
                                                uint8_t *rtcp,
                                                size_t *rtcp_len);
srtp_err_status_t phonghop_srtp3_stream_remove(srtp_t session, uint32_t ssrc);

#ifdef __cplusplus
}
#endif

/* Users of this header (mediasoup) see the libsrtp 3 names. */
#ifndef PHONGHOP_SRTP3_IMPLEMENTATION
#define srtp_err_status_buffer_small PHONGHOP_SRTP_ERR_BUFFER_SMALL
#define srtp_err_status_cryptex_err PHONGHOP_SRTP_ERR_CRYPTEX
#define srtp_policy_t phonghop_srtp3_policy_t
#define srtp_policy_create phonghop_srtp3_policy_create
#define srtp_policy_destroy phonghop_srtp3_policy_destroy
#define srtp_policy_set_ssrc phonghop_srtp3_policy_set_ssrc
#define srtp_policy_set_profile phonghop_srtp3_policy_set_profile
#define srtp_policy_add_key phonghop_srtp3_policy_add_key
#define srtp_policy_set_allow_repeat_tx phonghop_srtp3_policy_set_allow_repeat_tx
#define srtp_policy_set_window_size phonghop_srtp3_policy_set_window_size
#define srtp_create phonghop_srtp3_create
#define srtp_protect phonghop_srtp3_protect
#define srtp_unprotect phonghop_srtp3_unprotect
#define srtp_protect_rtcp phonghop_srtp3_protect_rtcp
#define srtp_unprotect_rtcp phonghop_srtp3_unprotect_rtcp
#define srtp_stream_remove phonghop_srtp3_stream_remove
#endif

#endif /* PHONGHOP_SRTP3_OVER_SRTP2_H */
