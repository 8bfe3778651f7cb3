// phonghop: stand-in for ankerl::unordered_dense (header-only, not packaged by Debian).
//
// mediasoup's worker uses only:
//   ankerl::unordered_dense::map<K, V[, Hash]>, ::set<K> and ::hash<T>{}(value).
// They are provided here over std::unordered_map / std::unordered_set with a
// well-mixing 64-bit hash for integers, enums and pointers (std::hash of an integer
// is the identity in libstdc++, which would put sequential ids and aligned pointers
// into neighbouring buckets). Differences from the real library, none of which
// mediasoup relies on: iteration order is not insertion order, iterators are not
// random access, and there is no values()/extract()/replace().
#ifndef PHONGHOP_ANKERL_UNORDERED_DENSE_COMPAT_H
#define PHONGHOP_ANKERL_UNORDERED_DENSE_COMPAT_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl::unordered_dense
{
	inline namespace phonghop_compat
	{
		namespace detail
		{
			// Finalizer of splitmix64: every input bit affects every output bit.
			constexpr std::uint64_t mix(std::uint64_t x) noexcept
			{
				x ^= x >> 30U;
				x *= 0xbf58476d1ce4e5b9ULL;
				x ^= x >> 27U;
				x *= 0x94d049bb133111ebULL;
				x ^= x >> 31U;
				return x;
			}
		} // namespace detail

		// Anything std::hash knows (strings, string_views, …), mixed once more.
		template<typename T, typename Enable = void>
		struct hash
		{
			using is_avalanching = void;

			std::uint64_t operator()(const T& value) const
			  noexcept(noexcept(std::hash<T>{}(std::declval<const T&>())))
			{
				return detail::mix(static_cast<std::uint64_t>(std::hash<T>{}(value)));
			}
		};

		template<typename T>
		struct hash<T, std::enable_if_t<std::is_integral_v<T> || std::is_enum_v<T>>>
		{
			using is_avalanching = void;

			std::uint64_t operator()(T value) const noexcept
			{
				if constexpr (std::is_enum_v<T>)
				{
					return detail::mix(static_cast<std::uint64_t>(static_cast<std::underlying_type_t<T>>(value)));
				}
				else
				{
					return detail::mix(static_cast<std::uint64_t>(value));
				}
			}
		};

		template<typename T>
		struct hash<T*>
		{
			using is_avalanching = void;

			std::uint64_t operator()(T* ptr) const noexcept
			{
				return detail::mix(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(ptr)));
			}
		};

		template<
		  class Key,
		  class T,
		  class Hash      = hash<Key>,
		  class KeyEqual  = std::equal_to<Key>,
		  class Allocator = std::allocator<std::pair<const Key, T>>>
		using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

		template<
		  class Key,
		  class Hash      = hash<Key>,
		  class KeyEqual  = std::equal_to<Key>,
		  class Allocator = std::allocator<Key>>
		using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
	} // namespace phonghop_compat
} // namespace ankerl::unordered_dense

#endif // PHONGHOP_ANKERL_UNORDERED_DENSE_COMPAT_H
