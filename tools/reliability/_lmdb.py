"""Just enough of the LMDB file format (liblmdb 0.9, 64-bit) to list the live pages of a
`data.mdb`: the meta page with the highest transaction id, the main database's root, the named
databases found in it, and every branch, leaf and overflow page reachable from their roots.
Free pages (old copies kept by copy-on-write) are not live: flipping bytes there changes nothing."""
import struct

P_BRANCH, P_LEAF, P_OVERFLOW, P_META = 0x01, 0x02, 0x04, 0x08
F_BIGDATA, F_SUBDATA, F_DUPDATA = 0x01, 0x02, 0x04
HEADER = 16
DB = struct.Struct("<IHHQQQQQ")  # pad, flags, depth, branch, leaf, overflow, entries, root
NO_PAGE = 0xFFFFFFFFFFFFFFFF


def _meta(data, page_size):
    best = None
    for n in (0, 1):
        base = n * page_size + HEADER
        magic, version = struct.unpack_from("<II", data, base)
        if magic != 0xBEEFC0DE:
            continue
        off = base + 8 + 8 + 8  # magic, version, address, mapsize
        free_db = DB.unpack_from(data, off)
        main_db = DB.unpack_from(data, off + DB.size)
        last_pg, txnid = struct.unpack_from("<QQ", data, off + 2 * DB.size)
        if best is None or txnid > best[0]:
            best = (txnid, free_db, main_db)
    return best


def _nodes(data, page_size, pgno):
    base = pgno * page_size
    lower = struct.unpack_from("<H", data, base + 12)[0]
    for i in range((lower - HEADER) // 2):
        off = struct.unpack_from("<H", data, base + HEADER + 2 * i)[0]
        lo, hi, flags, ksize = struct.unpack_from("<HHHH", data, base + off)
        key_at = base + off + 8
        yield lo, hi, flags, ksize, key_at


def live_pages(data, page_size=4096):
    """Returns ({page number: database name}, {database name: root page})."""
    txnid, free_db, main_db = _meta(data, page_size)
    pages = {0: "meta", 1: "meta"}
    roots = {}

    def walk(root, name):
        stack = [root]
        while stack:
            pgno = stack.pop()
            if pgno == NO_PAGE or pgno in pages or (pgno + 1) * page_size > len(data):
                continue
            pages[pgno] = name
            flags = struct.unpack_from("<H", data, pgno * page_size + 10)[0]
            if flags & P_BRANCH:
                for lo, hi, nflags, ksize, key_at in _nodes(data, page_size, pgno):
                    stack.append(lo | hi << 16 | nflags << 32)
            elif flags & P_LEAF:
                for lo, hi, nflags, ksize, key_at in _nodes(data, page_size, pgno):
                    size = lo | hi << 16
                    value_at = key_at + ksize
                    if nflags & F_BIGDATA:
                        first = struct.unpack_from("<Q", data, value_at)[0]
                        count = struct.unpack_from("<I", data, first * page_size + 12)[0]
                        for p in range(first, first + max(count, 1)):
                            pages[p] = name + " (overflow)"
                    elif nflags & F_SUBDATA and name == "main":
                        sub = DB.unpack_from(data, value_at)
                        db_name = data[key_at:key_at + ksize].decode(errors="replace")
                        roots[db_name] = sub[7]
                        walk(sub[7], db_name)

    roots["main"] = main_db[7]
    roots["free"] = free_db[7]
    walk(main_db[7], "main")
    walk(free_db[7], "free")
    return pages, roots


def leaf_entries(data, root, page_size=4096):
    """(key bytes, offset of the value) of every entry of the database rooted at `root`."""
    out = []
    stack = [root]
    while stack:
        pgno = stack.pop()
        if pgno == NO_PAGE:
            continue
        flags = struct.unpack_from("<H", data, pgno * page_size + 10)[0]
        for lo, hi, nflags, ksize, key_at in _nodes(data, page_size, pgno):
            if flags & P_BRANCH:
                stack.append(lo | hi << 16 | nflags << 32)
            elif flags & P_LEAF and not nflags & F_BIGDATA:
                out.append((bytes(data[key_at:key_at + ksize]), key_at + ksize))
    return out
