#ifndef MUTUALISATION_CLMDB_SHIM_H
#define MUTUALISATION_CLMDB_SHIM_H
// liblmdb, as shipped by Debian's liblmdb-dev (found through pkg-config "lmdb").
#include <lmdb.h>
#endif
