#ifndef MUTUALISATION_CRC32C_H
#define MUTUALISATION_CRC32C_H
#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected), as used by iSCSI, ext4 and
/// LevelDB. Continues from `crc` (pass 0 to start). Uses the SSE 4.2 instruction when
/// the processor has it, a table otherwise; both give the same value.
uint32_t mutualisation_crc32c(uint32_t crc, const void *bytes, size_t count);

#endif
