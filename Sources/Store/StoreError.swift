import Model

/// Errors the store raises, with the registry's Store codes (`ProblemCode.databaseUnavailable` … `.readOnlyDatabase`).
extension PSEAError {
    /// The database file cannot be opened or migrated.
    static func databaseUnavailable(_ path: String, reason: String) -> PSEAError {
        PSEAError(
            code: .databaseUnavailable, path: path,
            th: "เปิดฐานข้อมูล \(path) ไม่ได้: \(reason)",
            en: "cannot open the database \(path): \(reason)")
    }

    /// A write was attempted through a read-only snapshot of the database (`CompetitionStore.snapshot()`).
    static func readOnlySnapshot(_ path: String) -> PSEAError {
        PSEAError(
            code: .readOnlySnapshot, path: path,
            th: "บันทึกผ่านภาพสแนปช็อตของฐานข้อมูล \(path) ไม่ได้ เพราะเป็นแบบอ่านอย่างเดียว",
            en: "cannot write through a snapshot of the database \(path): it is read-only")
    }

    /// A database operation failed (I/O, locking, a constraint).
    static func databaseFailed(_ reason: String) -> PSEAError {
        PSEAError(
            code: .databaseFailed,
            message: LocalizedText(th: "การทำงานกับฐานข้อมูลล้มเหลว: \(reason)", en: "database operation failed: \(reason)")
        )
    }

    /// The same key was already recorded with different data, and that record cannot change.
    static func conflictingRecord(_ what: String, key: String) -> PSEAError {
        PSEAError(
            code: .conflictingRecord,
            message: LocalizedText(
                th: "\(what) \(key) มีบันทึกไว้แล้วด้วยข้อมูลอื่น และแก้ไขไม่ได้",
                en: "\(what) \(key) is already recorded with different data and cannot change"
            ),
            context: ["record": what, "key": key],
            isInvalidInput: true
        )
    }

    /// A reference to a judge or entry that the store does not hold.
    static func unknownReference(_ what: String, id: String) -> PSEAError {
        PSEAError(
            code: .unknownReference,
            message: LocalizedText(th: "ไม่พบ\(what == "judge" ? "กรรมการ" : "ผลงาน") \(id) ในฐานข้อมูล", en: "no \(what) \(id) in the database"),
            context: ["record": what, "id": id],
            isInvalidInput: true
        )
    }

    /// An assignment or score for a judge who declared a conflict of interest with the application.
    static func conflictOfInterest(judge: String, application: String) -> PSEAError {
        PSEAError(
            code: .conflictOfInterest,
            message: LocalizedText(
                th: "กรรมการ \(judge) แจ้งว่ามีส่วนได้ส่วนเสียกับผลงาน \(application) จึงมอบหมายหรือให้คะแนนไม่ได้",
                en: "judge \(judge) declared a conflict of interest with \(application) and cannot be assigned to it or score it"
            ),
            context: ["judge": judge, "application": application],
            isInvalidInput: true
        )
    }

    /// A percent outside 0–100 or not a number.
    static func percentOutOfRange(_ value: Double) -> PSEAError {
        PSEAError(
            code: .databasePercentOutOfRange,
            message: LocalizedText(th: "ค่าร้อยละ \(value) ต้องอยู่ระหว่าง 0 ถึง 100", en: "percent \(value) must be between 0 and 100"),
            context: ["percent": String(value)],
            isInvalidInput: true
        )
    }

    /// The ledger holds an event that cannot be read back (unknown kind, malformed payload) or replayed
    /// (it contradicts an earlier event); `problem` is the `LedgerProblem` code it maps to.
    static func corruptEvent(seq: Int, reason: String, problem: String = "unreadable") -> PSEAError {
        PSEAError(
            code: .corruptEvent,
            message: LocalizedText(th: "รายการบัญชีลำดับที่ \(seq) เสียหาย: \(reason)", en: "ledger event \(seq) is corrupt: \(reason)"),
            context: ["seq": String(seq), "problem": problem]
        )
    }

    /// The file is not a psea database (another program's SQLite file): nothing is written to it.
    static func notPseaDatabase(_ path: String) -> PSEAError {
        PSEAError(
            code: .notPseaDatabase, path: path,
            th: "\(path) ไม่ใช่ฐานข้อมูลของ psea จึงไม่ได้เปิดใช้และไม่ได้แก้ไขไฟล์ (สร้างฐานข้อมูลใหม่ด้วย psea init)",
            en: "\(path) is not a psea database; it was left unchanged (create a new one with psea init)")
    }

    /// The database was migrated by a newer psea (`migrations` it does not know).
    static func newerDatabase(_ path: String, migrations: [String]) -> PSEAError {
        PSEAError(
            code: .databaseVersion, path: path,
            th: "ฐานข้อมูล \(path) สร้างโดย psea รุ่นที่ใหม่กว่า (\(migrations.joined(separator: ", "))) จึงไม่ได้เปิดใช้และไม่ได้แก้ไขไฟล์",
            en: "the database \(path) was written by a newer psea (\(migrations.joined(separator: ", "))); it was left unchanged")
    }

    /// A table or column psea reads is missing: the file was damaged or altered; nothing is written to it.
    static func damagedSchema(_ path: String, table: String, column: String?) -> PSEAError {
        let what = column.map { "\(table).\($0)" } ?? table
        return PSEAError(
            code: .damagedSchema,
            message: LocalizedText(
                th: "ฐานข้อมูล \(path) เสียหาย: ไม่มี\(column == nil ? "ตาราง" : "คอลัมน์") \(what) จึงไม่ได้เปิดใช้และไม่ได้แก้ไขไฟล์",
                en: "the database \(path) is damaged: \(column == nil ? "table" : "column") \(what) is missing; it was left unchanged"),
            context: ["path": path, "missing": what]
        )
    }

    /// A write through a store opened `.readOnly`.
    static func readOnlyDatabase(_ path: String) -> PSEAError {
        PSEAError(
            code: .readOnlyDatabase, path: path,
            th: "บันทึกลงฐานข้อมูล \(path) ไม่ได้ เพราะเปิดแบบอ่านอย่างเดียว",
            en: "cannot write to the database \(path): it was opened read-only")
    }

    /// The ledger or its projections do not verify, so nothing is published from the database (exit 1).
    static func ledgerNotVerified(_ path: String, problem: LedgerProblem) -> PSEAError {
        let place = problem.seq.map { "event \($0) " } ?? ""
        let placeTh = problem.seq.map { "รายการลำดับที่ \($0) " } ?? ""
        return PSEAError(
            code: .ledgerNotVerified,
            message: LocalizedText(
                th: "ไม่เผยแพร่ผลจากฐานข้อมูล \(path) เพราะตรวจสอบบัญชีไม่ผ่าน (\(placeTh)[\(problem.code)]): \(problem.message.th)",
                en: "nothing is published from the database \(path): the ledger does not verify (\(place)[\(problem.code)]): \(problem.message.en)"),
            context: ["path": path, "problem": problem.code],
            isInvalidInput: true
        )
    }
}
