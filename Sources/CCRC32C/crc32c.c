// CRC-32C for the event log's per-record checksum. The hardware path matters: the
// checksum is verified on every read, and a replay reads millions of records a second.
#include "crc32c.h"

static uint32_t table[8][256];
static int table_ready = 0;

static void build_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : (c >> 1);
        table[0][n] = c;
    }
    for (uint32_t n = 0; n < 256; n++) {
        for (int t = 1; t < 8; t++) table[t][n] = (table[t - 1][n] >> 8) ^ table[0][table[t - 1][n] & 0xFF];
    }
    __atomic_store_n(&table_ready, 1, __ATOMIC_RELEASE);
}

static uint32_t crc32c_table(uint32_t crc, const unsigned char *p, size_t n) {
    if (!__atomic_load_n(&table_ready, __ATOMIC_ACQUIRE)) build_table();
    while (n >= 8) {
        uint64_t word;
        __builtin_memcpy(&word, p, 8);
        word ^= crc;
        crc = table[7][word & 0xFF] ^ table[6][(word >> 8) & 0xFF] ^ table[5][(word >> 16) & 0xFF] ^
              table[4][(word >> 24) & 0xFF] ^ table[3][(word >> 32) & 0xFF] ^ table[2][(word >> 40) & 0xFF] ^
              table[1][(word >> 48) & 0xFF] ^ table[0][(word >> 56) & 0xFF];
        p += 8;
        n -= 8;
    }
    while (n--) crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xFF];
    return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42_serial(uint64_t c, const unsigned char *p, size_t n) {
    while (n >= 8) {
        uint64_t word;
        __builtin_memcpy(&word, p, 8);
        c = __builtin_ia32_crc32di(c, word);
        p += 8;
        n -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (n--) c32 = __builtin_ia32_crc32qi(c32, *p++);
    return c32;
}

// The crc32 instruction takes three cycles and each step needs the previous one: three
// independent streams over three lanes of a block keep the unit busy, and the lanes' values
// are then joined by "shifting" a CRC over n zero bytes, a linear map read from tables
// (shift[k][b] = the CRC state b << 8k advanced over n zero bytes).
static uint32_t shift32[4][256], shift64[4][256], shift128[4][256];
static int shift_ready = 0;

__attribute__((target("sse4.2")))
static void build_shift_tables(void) {
    static const unsigned char zeros[128] = {0};
    for (int k = 0; k < 4; k++) {
        for (uint32_t b = 0; b < 256; b++) {
            uint64_t state = (uint64_t)(b << (8 * k));
            shift32[k][b] = crc32c_sse42_serial(state, zeros, 32);
            shift64[k][b] = crc32c_sse42_serial(state, zeros, 64);
            shift128[k][b] = crc32c_sse42_serial(state, zeros, 128);
        }
    }
    __atomic_store_n(&shift_ready, 1, __ATOMIC_RELEASE);
}

static inline uint32_t shift_by(uint32_t table[4][256], uint32_t c) {
    return table[0][c & 0xFF] ^ table[1][(c >> 8) & 0xFF] ^ table[2][(c >> 16) & 0xFF] ^ table[3][c >> 24];
}

// One block of three lanes of `lane` bytes (a multiple of 8), continuing from `c`.
__attribute__((target("sse4.2")))
static inline uint32_t crc32c_block(uint32_t c, const unsigned char *p, size_t lane,
                                    uint32_t by_lane[4][256], uint32_t by_two_lanes[4][256]) {
    uint64_t c0 = c, c1 = 0, c2 = 0;
    for (size_t i = 0; i < lane; i += 8) {
        uint64_t w0, w1, w2;
        __builtin_memcpy(&w0, p + i, 8);
        __builtin_memcpy(&w1, p + lane + i, 8);
        __builtin_memcpy(&w2, p + 2 * lane + i, 8);
        c0 = __builtin_ia32_crc32di(c0, w0);
        c1 = __builtin_ia32_crc32di(c1, w1);
        c2 = __builtin_ia32_crc32di(c2, w2);
    }
    return shift_by(by_two_lanes, (uint32_t)c0) ^ shift_by(by_lane, (uint32_t)c1) ^ (uint32_t)c2;
}

__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const unsigned char *p, size_t n) {
    if (n >= 96) {
        if (!__atomic_load_n(&shift_ready, __ATOMIC_ACQUIRE)) build_shift_tables();
        while (n >= 192) {
            crc = crc32c_block(crc, p, 64, shift64, shift128);
            p += 192;
            n -= 192;
        }
        if (n >= 96) {
            crc = crc32c_block(crc, p, 32, shift32, shift64);
            p += 96;
            n -= 96;
        }
    }
    return crc32c_sse42_serial(crc, p, n);
}
#endif

uint32_t mutualisation_crc32c(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    crc = ~crc;
#if defined(__x86_64__)
    if (__builtin_cpu_supports("sse4.2")) return ~crc32c_sse42(crc, p, count);
#endif
    return ~crc32c_table(crc, p, count);
}
