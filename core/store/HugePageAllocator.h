// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace pme::core {

/// An allocator for large tables probed at random (a sync's key table: tens of megabytes, a
/// random slot per row). Allocations of 4 MB or more are aligned to 2 MB and, on Linux,
/// offered to the kernel for transparent huge pages: one TLB entry then covers 2 MB instead
/// of 4 KB, and the table is faulted in 2 MB at a time. Smaller ones are plain allocations.
template <typename T>
class HugePageAllocator {
public:
    using value_type = T;

    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U> &) noexcept
    {
    }

    T *allocate(std::size_t n)
    {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kLarge)
            return static_cast<T *>(::operator new(bytes));
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        void *p = ::operator new(rounded, std::align_val_t(kHugePage));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        (void)madvise(p, rounded, MADV_HUGEPAGE); // advice only: without it, 4 KB pages
#endif
        return static_cast<T *>(p);
    }

    void deallocate(T *p, std::size_t n) noexcept
    {
        if (n * sizeof(T) < kLarge)
            ::operator delete(p);
        else
            ::operator delete(p, std::align_val_t(kHugePage));
    }

    template <typename U>
    bool operator==(const HugePageAllocator<U> &) const noexcept
    {
        return true;
    }

private:
    static constexpr std::size_t kHugePage = std::size_t{2} << 20;
    static constexpr std::size_t kLarge = std::size_t{4} << 20;
};

} // namespace pme::core
