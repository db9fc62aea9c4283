import Model
import Testing

@testable import Intake

@Suite("Provinces")
struct ProvinceTests {
    @Test("the list has the 77 province-level units, each name once")
    func count() {
        #expect(Provinces.all.count == 77)
        #expect(Set(Provinces.all.map(\.name)).count == 77)
        #expect(Set(Provinces.all.map(\.nameEn)).count == 77)
    }

    @Test(
        "spellings of a few names, Thai and English",
        arguments: [
            ("กรุงเทพมหานคร", "Bangkok"), ("บึงกาฬ", "Bueng Kan"), ("พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
            ("น่าน", "Nan"), ("สุราษฎร์ธานี", "Surat Thani"), ("อุตรดิตถ์", "Uttaradit"), ("ประจวบคีรีขันธ์", "Prachuap Khiri Khan"),
            ("แม่ฮ่องสอน", "Mae Hong Son"), ("หนองบัวลำภู", "Nong Bua Lam Phu"), ("ศรีสะเกษ", "Si Sa Ket"),
        ])
    func spellings(name: String, nameEn: String) {
        #expect(Provinces.all.contains(Province(name: name, nameEn: nameEn, aliases: Provinces.all.first { $0.name == name }?.aliases ?? [])))
        #expect(Provinces.all.first { $0.name == name }?.nameEn == nameEn)
    }

    @Test("names are clean: Thai script only, no prefix, no surrounding spaces")
    func clean() {
        for province in Provinces.all {
            #expect(province.name == province.name.trimmingWhitespace)
            #expect(!province.name.hasPrefix("จังหวัด") && !province.name.hasPrefix("จ."))
            #expect(province.name.unicodeScalars.allSatisfy { (0x0E01...0x0E5B).contains($0.value) }, "\(province.name)")
        }
    }

    @Test("every official name matches exactly")
    func exact() {
        for province in Provinces.all {
            #expect(Provinces.match(province.name) == .exact(province))
        }
    }

    @Test("the byte comparison finds each official name as written, from any kind of string, and nothing else")
    func officialBytes() {
        for province in Provinces.all {
            #expect(Provinces.officialSpelledAs(province.name) == province)
            // A string made from bytes (as the readers make them) and a slice of a longer text are found alike.
            #expect(Provinces.officialSpelledAs(String(decoding: Array(province.name.utf8), as: UTF8.self)) == province)
            #expect(Provinces.officialSpelledAs(String(" \(province.name) ".dropFirst().dropLast())) == province)
            // One byte short, one byte over, a prefix or spaces: not an official spelling, left to the full look-up.
            #expect(Provinces.officialSpelledAs(String(decoding: province.name.utf8.dropLast(), as: UTF8.self)) == nil)
            #expect(Provinces.officialSpelledAs(province.name + "ก") == nil)
            #expect(Provinces.officialSpelledAs("จ." + province.name) == nil)
            #expect(Provinces.officialSpelledAs(" " + province.name) == nil)
        }
        for name in ["", "Nan", "กทม.", "น่าน น่าน"] { #expect(Provinces.officialSpelledAs(name) == nil) }
    }

    @Test(
        "tolerated spellings map to the official province",
        arguments: [
            ("จ.น่าน", "น่าน"), ("จ. น่าน", "น่าน"), ("จังหวัดน่าน", "น่าน"), ("  น่าน ", "น่าน"), ("จังหวัดบึงกาฬ", "บึงกาฬ"),
            ("กรุงเทพฯ", "กรุงเทพมหานคร"), ("กรุงเทพ", "กรุงเทพมหานคร"), ("กทม.", "กรุงเทพมหานคร"), ("กทม", "กรุงเทพมหานคร"),
            ("Bangkok", "กรุงเทพมหานคร"), ("BANGKOK", "กรุงเทพมหานคร"), ("chiang mai", "เชียงใหม่"), ("Chonburi", "ชลบุรี"),
            ("Nan", "น่าน"), (" Bueng Kan ", "บึงกาฬ"), ("อยุธยา", "พระนครศรีอยุธยา"),
        ])
    func tolerated(written: String, official: String) {
        guard case .tolerated(let province, let reason) = Provinces.match(written) else {
            Issue.record("\(written) should be tolerated")
            return
        }
        #expect(province.name == official)
        #expect(!reason.th.isEmpty && !reason.en.isEmpty)
    }

    @Test("unknown names", arguments: ["", "   ", "จ.", "จังหวัด", "ลอนดอน", "Narnia", "น่าน น่าน", "เมืองพัทยา"])
    func unknown(name: String) {
        #expect(Provinces.match(name) == .unknown)
    }
}

@Suite("Provinces: order")
struct ProvinceOrderTests {
    @Test("Bangkok first, then the 76 provinces in Thai collation order (as official lists give them)")
    func thaiOrder() {
        let names = Provinces.all.map(\.name)
        #expect(names.first == "กรุงเทพมหานคร")
        let provinces = Array(names.dropFirst())
        #expect(provinces == provinces.sorted(by: Thai.collates))
    }
}
