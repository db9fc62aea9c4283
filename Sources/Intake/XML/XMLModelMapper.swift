import Model

/// The mapper's stand-in date (a generic type cannot hold a stored static).
private let xmlMappingPlaceholderDate = LocalDate(year: 1, month: 1, day: 1)!

/// Maps a schema-valid tree to the model. The schema has already checked the shape, so a missing piece here is
/// an internal inconsistency reported as PSEA-E017; values the schema accepts but the model cannot hold (an
/// `xs:date` with a time zone, an integer beyond `Int`) are reported with their own codes.
/// Generic over the element type so that the Swift tree (full pipeline) and the streamed elements (fast path) are mapped
/// by this one piece of code and cannot disagree.
struct XMLModelMapper<Element: XMLMappingElement> {
    private(set) var diagnostics: [Diagnostic] = []

    mutating func map(_ root: Element) -> Application {
        let agency = root.child("agency")
        let contact = root.child("contact")
        let work = root.child("work")
        let indicators = root.child("indicators")?.children("indicator") ?? []
        return Application(
            schemaVersion: int(root.attribute("schemaVersion"), owner: root) ?? 1,
            id: text(root.child("id"), owner: root, name: "id"),
            awardYear: int(element: root.child("awardYear"), owner: root, name: "awardYear") ?? 0,
            category: text(root.child("category"), owner: root, name: "category"),
            type: text(root.child("type"), owner: root, name: "type"),
            submittedAt: root.child("submittedAt").flatMap { timestamp($0) },
            agency: Agency(
                kind: value(agency?.attribute("kind"), owner: agency ?? root) ?? .other,
                name: text(agency?.child("name"), owner: agency ?? root, name: "name"),
                nameEn: agency?.child("nameEn").map { $0.trimmedText },
                ministry: agency?.child("ministry").map { $0.trimmedText },
                province: agency?.child("province").map { $0.trimmedText }),
            contact: Contact(
                name: text(contact?.child("name"), owner: contact ?? root, name: "name"),
                position: contact?.child("position").map { $0.trimmedText },
                email: text(contact?.child("email"), owner: contact ?? root, name: "email"),
                phone: contact?.child("phone").map { $0.trimmedText }),
            previousAward: root.child("previousAward").map { award in
                PreviousAward(
                    year: int(award.attribute("year"), owner: award) ?? 0,
                    type: string(award.attribute("type"), owner: award),
                    title: text(award.child("title"), owner: award, name: "title"))
            },
            work: mapWork(work, owner: root),
            stakeholders: (root.child("stakeholders")?.children("group") ?? []).map { group in
                Stakeholder(
                    id: string(group.attribute("id"), owner: group),
                    name: group.trimmedText,
                    kind: value(group.attribute("kind"), owner: group) ?? .other,
                    count: group.attribute("count").flatMap { int($0, owner: group) })
            },
            activities: (root.child("activities")?.children("activity") ?? []).map { mapActivity($0) },
            indicators: indicators.map { mapIndicator($0) },
            sustainability: root.child("sustainability").map { $0.trimmedText },
            lessons: root.child("lessons").map { $0.trimmedText },
            evidence: (root.child("evidence")?.children("item") ?? []).map { item in
                Evidence(
                    id: string(item.attribute("id"), owner: item),
                    kind: value(item.attribute("kind"), owner: item) ?? .other,
                    title: item.trimmedText,
                    uri: item.attribute("uri").map { $0.trimmedValue },
                    sha256: item.attribute("sha256").map { $0.trimmedValue })
            },
            declaration: mapDeclaration(root.child("declaration"), owner: root),
            responses: root.child("responses").map { responses in
                responses.children("response").map { response in
                    Response(
                        criterion: string(response.attribute("criterion"), owner: response), text: response.trimmedText,
                        evidenceRefs: refs(response.attribute("evidenceRefs")))
                }
            })
    }

    private mutating func mapWork(_ work: Element?, owner: Element) -> Work {
        let element = work ?? owner
        let period = element.child("period")
        if work == nil { missing("work", in: owner) }
        if period == nil { missing("period", in: element) }
        return Work(
            title: text(element.child("title"), owner: element, name: "title"),
            summary: text(element.child("summary"), owner: element, name: "summary"),
            background: text(element.child("background"), owner: element, name: "background"),
            objectives: (element.child("objectives")?.children("objective") ?? []).map { objective in
                Objective(id: string(objective.attribute("id"), owner: objective), text: objective.trimmedText)
            },
            period: Period(
                start: date(period?.attribute("start"), owner: period ?? element) ?? Self.placeholderDate,
                end: period?.attribute("end").flatMap { date($0, owner: period ?? element) }),
            areas: element.child("areas").map { $0.children("area").map { $0.trimmedText } })
    }

    private mutating func mapActivity(_ activity: Element) -> Activity {
        let levelAttribute = activity.attribute("level")
        let level = levelAttribute.flatMap { ParticipationLevel(name: $0.value) }
        if level == nil { invalid(levelAttribute, owner: activity, name: "level") }
        return Activity(
            id: string(activity.attribute("id"), owner: activity),
            title: text(activity.child("title"), owner: activity, name: "title"),
            stage: value(activity.attribute("stage"), owner: activity) ?? .planning,
            level: level ?? .inform,
            technique: activity.child("technique").map { $0.trimmedText },
            date: date(activity.attribute("date"), owner: activity) ?? Self.placeholderDate,
            participants: activity.attribute("participants").flatMap { int($0, owner: activity) },
            stakeholderRefs: refs(activity.attribute("stakeholderRefs")) ?? [],
            influence: activity.child("influence").map { $0.trimmedText },
            evidenceRefs: refs(activity.attribute("evidenceRefs")))
    }

    private mutating func mapIndicator(_ indicator: Element) -> Indicator {
        let comparisons = indicator.children("comparison")
        return Indicator(
            id: string(indicator.attribute("id"), owner: indicator),
            name: text(indicator.child("name"), owner: indicator, name: "name"),
            unit: string(indicator.attribute("unit"), owner: indicator),
            direction: value(indicator.attribute("direction"), owner: indicator) ?? .increase,
            objectiveRef: indicator.attribute("objectiveRef").map { $0.trimmedValue },
            baseline: yearValue(indicator.child("baseline"), owner: indicator),
            target: indicator.child("target").flatMap { double($0.attribute("value"), owner: $0) },
            measurements: indicator.children("measurement").map { yearValue($0, owner: indicator) },
            comparisons: comparisons.isEmpty
                ? nil
                : comparisons.map { comparison in
                    Comparison(
                        label: string(comparison.attribute("label"), owner: comparison),
                        value: double(comparison.attribute("value"), owner: comparison) ?? 0)
                },
            evidenceRefs: refs(indicator.attribute("evidenceRefs")))
    }

    private mutating func mapDeclaration(_ declaration: Element?, owner: Element) -> Declaration {
        guard let declaration else {
            missing("declaration", in: owner)
            return Declaration(signedBy: "", position: "", date: Self.placeholderDate)
        }
        return Declaration(
            signedBy: string(declaration.attribute("signedBy"), owner: declaration),
            position: string(declaration.attribute("position"), owner: declaration),
            date: date(declaration.attribute("date"), owner: declaration) ?? Self.placeholderDate)
    }

    private mutating func yearValue(_ element: Element?, owner: Element) -> YearValue {
        guard let element else {
            missing("baseline", in: owner)
            return YearValue(year: 0, value: 0)
        }
        return YearValue(
            year: int(element.attribute("year"), owner: element) ?? 0,
            value: double(element.attribute("value"), owner: element) ?? 0)
    }

    // MARK: Values

    /// A stand-in for a date the mapping could not read; the result is discarded when that happens.
    private static var placeholderDate: LocalDate { xmlMappingPlaceholderDate }

    private func refs(_ attribute: Element.Attribute?) -> [String]? {
        attribute.map { $0.ids }
    }

    private mutating func text(_ element: Element?, owner: Element, name: String) -> String {
        guard let element else {
            missing(name, in: owner)
            return ""
        }
        return element.trimmedText
    }

    private mutating func string(_ attribute: Element.Attribute?, owner: Element) -> String {
        guard let attribute else {
            missing(nil, in: owner)
            return ""
        }
        return attribute.trimmedValue
    }

    private mutating func value<T: RawRepresentable>(_ attribute: Element.Attribute?, owner: Element) -> T? where T.RawValue == String {
        guard let attribute else {
            missing(nil, in: owner)
            return nil
        }
        guard let result = T(rawValue: attribute.trimmedValue) else {
            invalid(attribute, owner: owner, name: attribute.localName)
            return nil
        }
        return result
    }

    private mutating func int(_ attribute: Element.Attribute?, owner: Element) -> Int? {
        guard let attribute else {
            missing(nil, in: owner)
            return nil
        }
        return integer(attribute.value, pointer: attribute.pointer)
    }

    private mutating func int(element: Element?, owner: Element, name: String) -> Int? {
        guard let element else {
            missing(name, in: owner)
            return nil
        }
        return integer(element.text, pointer: element.pointer)
    }

    private mutating func integer(_ raw: String, pointer: String) -> Int? {
        var text = raw.trimmingWhitespace
        if text.hasPrefix("+") { text.removeFirst() }
        if let number = Int(text) { return number }
        let field = PlaceText.xml(pointer)
        diagnostics.append(
            DiagnosticRule.wrongType.diagnostic(
                th: "\(field) \"\(XMLMessages.shown(raw))\" ไม่ใช่จำนวนเต็มที่อยู่ในช่วงที่รองรับ",
                en: "\(field) \"\(XMLMessages.shown(raw))\" is not an integer in the supported range", at: pointer))
        return nil
    }

    private mutating func double(_ attribute: Element.Attribute?, owner: Element) -> Double? {
        guard let attribute else {
            missing(nil, in: owner)
            return nil
        }
        if let number = Double(attribute.trimmedValue), number.isFinite { return number }
        invalid(attribute, owner: owner, name: attribute.localName)
        return nil
    }

    private mutating func date(_ attribute: Element.Attribute?, owner: Element) -> LocalDate? {
        guard let attribute else {
            missing(nil, in: owner)
            return nil
        }
        let text = attribute.trimmedValue
        if let date = LocalDate(iso: text) { return date }
        diagnostics.append(
            DiagnosticRule.badDate.diagnostic(
                th: "วันที่ \(PlaceText.xml(attribute.pointer)) \"\(XMLMessages.shown(text))\" ต้องเขียนเป็น YYYY-MM-DD (ปี ค.ศ. สี่หลัก ไม่มีเขตเวลา)",
                en:
                    "\(PlaceText.xml(attribute.pointer)) \"\(XMLMessages.shown(text))\" must be a plain YYYY-MM-DD date (four-digit CE year, no time zone)",
                at: attribute.pointer))
        return nil
    }

    private mutating func timestamp(_ element: Element) -> Timestamp? {
        if let value = Timestamp(iso: element.text) { return value }
        diagnostics.append(
            DiagnosticRule.badDate.diagnostic(
                th: "\(PlaceText.xml(element.pointer)) \"\(XMLMessages.shown(element.text))\" ต้องเป็นวันเวลาแบบ ISO 8601 เช่น 2025-02-20T10:30:00+07:00",
                en:
                    "\(PlaceText.xml(element.pointer)) \"\(XMLMessages.shown(element.text))\" must be an ISO 8601 date-time such as 2025-02-20T10:30:00+07:00",
                at: element.pointer))
        return nil
    }

    private mutating func missing(_ name: String?, in owner: Element) {
        let what = name.map { " <\($0)>" } ?? ""
        diagnostics.append(
            DiagnosticRule.schemaOther.diagnostic(
                th: "อ่านข้อมูล\(what) ใน <\(owner.name)> ไม่ได้", en: "could not read\(what) in <\(owner.name)>",
                at: name.map { owner.childPointer($0) } ?? owner.pointer))
    }

    private mutating func invalid(_ attribute: Element.Attribute?, owner: Element, name: String) {
        let shown = XMLMessages.shown(attribute?.value ?? "")
        diagnostics.append(
            DiagnosticRule.schemaOther.diagnostic(
                th: "ค่า '\(shown)' ของ \(name) ใน <\(owner.name)> ใช้ไม่ได้", en: "the value '\(shown)' of \(name) in <\(owner.name)> cannot be used",
                at: attribute?.pointer ?? owner.attributePointer(name)))
    }
}
