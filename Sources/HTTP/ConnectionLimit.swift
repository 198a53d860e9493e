#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many connections the server takes at once (see ``ServerDependencies/maximumConnections``).
public enum ConnectionLimit {
    /// The process's soft open-file limit less 100, between 64 and 10,000 (1,000 if unknown).
    public static func fromOpenFileLimit() -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let status = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        #else
        let status = getrlimit(RLIMIT_NOFILE, &limit)
        #endif
        guard status == 0 else { return 1000 }
        let soft = limit.rlim_cur > rlim_t(Int32.max) ? Int(Int32.max) : Int(limit.rlim_cur)
        return min(10_000, max(64, soft - 100))
    }
}
