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
        let (fd, size) = try open(path, followingLinks: followingLinks)
        defer { close(fd) }
        // The size from fstat is a hint only: the file may grow or shrink while it is read.
        var data = Data(count: max(1, min(limit, size + 1)))
        var count = 0
        while count < limit {
            if count == data.count { data.count = Int(min(Int64(limit), Int64(data.count) * 2)) }
            let got = data.withUnsafeMutableBytes { raw in readSome(fd, raw.baseAddress.map { $0 + count }, raw.count - count) }
            if got < 0 { throw PSEAError.unreadable(path, reason: reason(errno)) }
            if got == 0 { break }
            count += got
        }
        data.count = count
        return data
    }

    /// Opens the regular file at `path` (checked as `read` checks it) to be read a chunk at a time: a file of any
    /// size is read with one chunk held. Opening first reports a missing or unreadable file before any other work.
    package static func chunks(_ path: String) throws(PSEAError) -> Chunks {
        let (fd, _) = try open(path, followingLinks: true)
        return Chunks(path: path, fd: fd)
    }

    /// An open regular file read a chunk at a time (`RegularFile.chunks`); closed when released.
    package final class Chunks {
        private let path: String
        private let fd: Int32

        fileprivate init(path: String, fd: Int32) {
            self.path = path
            self.fd = fd
        }

        deinit { close(fd) }

        /// Hands the rest of the file to `each`, in order, at most `chunkSize` bytes at a time.
        package func forEach(chunkSize: Int = 1 << 20, _ each: ([UInt8]) throws -> Void) throws {
            var chunk = [UInt8](repeating: 0, count: max(1, chunkSize))
            while true {
                let got = chunk.withUnsafeMutableBytes { raw in RegularFile.readSome(fd, raw.baseAddress, raw.count) }
                if got < 0 { throw PSEAError.unreadable(path, reason: RegularFile.reason(errno)) }
                if got == 0 { return }
                try each(got == chunk.count ? chunk : Array(chunk[..<got]))
            }
        }
    }

    /// Opens the regular file at `path` for reading (looked at by path, then through the descriptor) and gives the
    /// descriptor, which the caller closes, and the size the file had.
    private static func open(_ path: String, followingLinks: Bool) throws(PSEAError) -> (fd: Int32, size: Int) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { throw PSEAError.unreadable(path, reason: reason(errno)) }
        try requireRegular(path, mode: info.st_mode)
        let fd = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw PSEAError.unreadable(path, reason: reason(errno)) }
        guard fstat(fd, &info) == 0 else {
            let failure = PSEAError.unreadable(path, reason: reason(errno))
            close(fd)
            throw failure
        }
        do {
            try requireRegular(path, mode: info.st_mode)
        } catch {
            close(fd)
            throw error
        }
        // A regular file never blocks; the flag goes so that reads behave as usual.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return (fd, Int(info.st_size))
    }

    /// One `read` into `buffer`, retried when interrupted: the number of bytes read, 0 at the end of the file, -1
    /// on an error (in `errno`).
    fileprivate static func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        while true {
            let got = systemRead(fd, buffer, count)
            if got >= 0 || errno != EINTR { return got }
        }
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

    fileprivate static func reason(_ code: Int32) -> String {
        code == ENOENT ? "no such file" : String(cString: strerror(code))
    }

    private static func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.open(path, flags)
        #else
            Darwin.open(path, flags)
        #endif
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }
}
