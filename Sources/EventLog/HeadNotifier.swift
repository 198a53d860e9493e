/// Wakes subscribers when the head moves past the position they wait beyond.
///
/// The writer advances it after each commit; for commits made by another process (a CLI
/// writing while the server runs) a subscriber also re-reads the head after a short timeout.
/// Waits never lose a wake-up (see ``PositionSignal``).
final class HeadNotifier: Sendable {
    private let signal = PositionSignal()

    /// The highest position announced so far.
    var head: UInt64 { signal.position }

    /// Announces that the head reached `position`, waking those who wait beyond a lower position.
    func advance(to position: UInt64) { signal.advance(to: position) }

    /// Wakes everyone; later waits return at once.
    func close() { signal.close() }

    /// Returns once the head passes `position`, after `timeout`, or on cancellation, whichever comes first.
    func wait(beyond position: UInt64, timeout: Duration) async {
        guard position < .max else {
            try? await Task.sleep(for: timeout)
            return
        }
        _ = await signal.wait(until: position + 1, timeout: timeout)
    }
}
