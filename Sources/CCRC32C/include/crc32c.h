#ifndef MUTUALISATION_CRC32C_H
#define MUTUALISATION_CRC32C_H
#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected), as used by iSCSI, ext4 and
/// LevelDB. Continues from `crc` (pass 0 to start). Uses the SSE 4.2 instruction when
/// the processor has it, a table otherwise; both give the same value.
uint32_t mutualisation_crc32c(uint32_t crc, const void *bytes, size_t count);

/// Asks the processor to start loading `count` bytes from `bytes` into its cache (a hint: no
/// effect on results). A scan calls it on the next record while it checks the current one, so
/// that the checksum of the next one does not wait for memory.
static inline void mutualisation_prefetch(const void *bytes, size_t count) {
    const char *p = (const char *)bytes;
    for (size_t offset = 0; offset < count; offset += 64) __builtin_prefetch(p + offset, 0, 3);
}

#endif
