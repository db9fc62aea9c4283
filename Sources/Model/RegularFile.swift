import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way psea reads a file named by a user: only a regular file is opened for reading, so a FIFO, a socket
/// or a device can never make a command wait or read without end. The path is looked at first (`stat`), then
/// opened without blocking and looked at again through the open descriptor (`fstat`), which closes the race of a
/// file swapped between the two.
package enum RegularFile {
    /// Reads a file psea keeps for itself (a signing key, a checkpoint): one that is not a regular file keeps its own
    /// error (PSEA-IO003); any other failure is `unreadable` with `reason`, which says what the file should be.
    package static func read(_ path: String, otherwise reason: String) throws(PSEAError) -> Data {
        do {
            return try read(path)
        } catch  where error.code == ProblemCode.notRegularFile.code {
            throw error
        } catch {
            throw PSEAError.unreadable(path, reason: reason)
        }
    }

    /// At most `limit` bytes from the start of the regular file at `path` (a symbolic link to one counts unless
    /// `followingLinks` is false: then the link itself is refused, so a folder someone else filled cannot make psea
    /// read and quote a file elsewhere). Throws PSEA-IO003 for anything that is not a regular file, PSEA-IO001 when
    /// it cannot be read.
    package static func read(_ path: String, upTo limit: Int = Int.max, followingLinks: Bool = true) throws(PSEAError) -> Data {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { throw PSEAError.unreadable(path, reason: reason(errno)) }
        try requireRegular(path, mode: info.st_mode)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw PSEAError.unreadable(path, reason: reason(errno)) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw PSEAError.unreadable(path, reason: reason(errno)) }
        try requireRegular(path, mode: info.st_mode)
        // A regular file never blocks; the flag goes so that reads behave as usual.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        // The size from fstat is a hint only: the file may grow or shrink while it is read.
        var data = Data(count: max(1, min(limit, Int(info.st_size) + 1)))
        var count = 0
        while count < limit {
            if count == data.count { data.count = Int(min(Int64(limit), Int64(data.count) * 2)) }
            let got = data.withUnsafeMutableBytes { raw in
                systemRead(fd, raw.baseAddress.map { $0 + count }, raw.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw PSEAError.unreadable(path, reason: reason(errno))
            }
            if got == 0 { break }
            count += got
        }
        data.count = count
        return data
    }

    /// Throws as `read` would when something exists at `path` and is not a regular file (a database another
    /// library opens: a FIFO there would make it wait for ever); nothing for a regular file or a missing one.
    package static func requireRegularIfPresent(_ path: String) throws(PSEAError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        try requireRegular(path, mode: info.st_mode)
    }

    /// Whether anything (a symbolic link included, even a dangling one) is at `path`.
    package static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether `path` names a regular file (following symbolic links), without opening it.
    package static func isRegular(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Throws unless `mode` is a regular file's: a folder is unreadable as a file (PSEA-IO001), any other kind is
    /// refused by name (PSEA-IO003).
    private static func requireRegular(_ path: String, mode: mode_t) throws(PSEAError) {
        let kind = mode & S_IFMT
        if kind == S_IFREG { return }
        if kind == S_IFDIR { throw PSEAError.unreadable(path, reason: "is a directory") }
        let what: LocalizedText
        switch kind {
        case S_IFIFO: what = LocalizedText(th: "ท่อข้อมูล (FIFO)", en: "a FIFO (named pipe)")
        case S_IFSOCK: what = LocalizedText(th: "ซ็อกเก็ต", en: "a socket")
        case S_IFCHR, S_IFBLK: what = LocalizedText(th: "อุปกรณ์", en: "a device")
        case S_IFLNK: what = LocalizedText(th: "ลิงก์สัญลักษณ์ (symbolic link)", en: "a symbolic link")
        default: what = LocalizedText(th: "สิ่งที่ไม่ใช่ไฟล์ปกติ", en: "not a regular file")
        }
        throw PSEAError(
            code: .notRegularFile, path: path, th: "ไม่เปิดอ่าน \(TerminalText.escaped(path)) เพราะเป็น\(what.th) ไม่ใช่ไฟล์ปกติ",
            en: "\(TerminalText.escaped(path)) is \(what.en), not a regular file: it is not opened")
    }

    private static func reason(_ code: Int32) -> String {
        code == ENOENT ? "no such file" : String(cString: strerror(code))
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }
}
