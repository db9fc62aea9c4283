import Foundation
import PSEATestSupport
import Store
import Testing

/// `psea convert --to json` of every valid and warning sample, byte for byte as the writer of main at ae67c5c wrote
/// it (a tree of nodes emitted into a `String`), before `JSONApplicationWriter` wrote into one byte buffer: the
/// SHA-256 of each output. The ledger stores the digest of this text as each entry's `sha256`, so it must not move.
@Suite("CLI: convert --to json keeps its bytes")
struct ConvertGoldenTests {
    static let digests: KeyValuePairs<String, String> = [
        "Samples/valid/ec-central-dept-water.xml": "d2541d34227c5286724beef11a34ada1bab1e4d58f583effd99c8fcf39af447b",
        "Samples/valid/ec-local-admin-chiangrai.json": "aa65515a923ca5a276cc44e7b7932705a232fe047b6d28f489b79389a32d8545",
        "Samples/valid/ec-province-nan-contract-example.xml": "0108e5bc03de2727494678bc7d1f89a20c5c2bc037fbece2217247fe7d1882b1",
        "Samples/valid/ec-state-enterprise-pwa.xml": "3b4e85aa2e51b9cedee8d71523942058129578c7bc39e041ac051a53f252500a",
        "Samples/valid/og-central-dept-forest.xml": "26f0d3d81b6a3f0f01e12f4089fce1d5b5d6d37c130febbc8008257f8aa666e6",
        "Samples/valid/og-province-nan.xml": "800e05f142514a57870f961f8e4651d818496a6001a04dbd84278295a6398644",
        "Samples/valid/og-public-org-dga.json": "836615c6df69ccb2b776fa8c8df511745237d226a93e8797c155807fc96738d1",
        "Samples/valid/pe-local-admin-yasothon.json": "33d3e3af30469722ad3e22b2dcf1334990daa1abad2c2a9527bbf30cf0c903ad",
        "Samples/valid/pe-provincial-office-ubon.json": "961ddeb1d71034db3461243435f246c6d5f513900e94e29d93566b5d0205bf53",
        "Samples/valid/pi-other-nakhonsithammarat.json": "4a9c21b2e042450aca97a0b8c569df391bf0b8005af5463756848d8614fca187",
        "Samples/valid/pi-province-sisaket.xml": "bc65508719d57b10e29e1eb17b4c217dfb683fd032e684e695907aad4ab13080",
        "Samples/valid/pi-provincial-office-maehongson.xml": "bc5a6d0ad1583199178943bed5b03fcb973a3918037434e4dbcdca245748e9a3",
        "Samples/warnings/activity-outside-period.json": "1713c00b5b2c0f32a0d48f31daccd00ef67dec32abc33d3722b887c9939f218f",
        "Samples/warnings/be-date.json": "4a9c21b2e042450aca97a0b8c569df391bf0b8005af5463756848d8614fca187",
        "Samples/warnings/og-collaborate.xml": "d56bac181840cc7bf132bff44cc3ac5c32f8815d4a98f4c0f2c8cf675b14138a",
        "Samples/warnings/province-spelling.xml": "6a0cb09c5575d03748721b4f1c96e509bcea3b5dac2b33ee64453320232cef05",
        "Samples/warnings/thai-digits.xml": "d61e9136d61fa22cc2009134e6b9bcb7e04e11d187404095affff112386ad742",
        "Samples/warnings/unused-evidence.json": "40ada8f69bf8d7217624c7148c3f4a8c3588fb16f9486b837be506911b8b0989",
        "Samples/v1/ec-local-admin-chiangrai.json": "f2d7eb6e3c83f4f8d32cbcb61d4fcc4fbcc943d0d55ae044b5516aa7a566aae6",
        "Samples/v1/og-province-nan.xml": "250f9c0af2833c98957288da8a437f424d42747b5bedb63bc1cf36a9bf7ceb16",
    ]

    @Test("every sample's JSON has the digest it had")
    func samples() throws {
        for (file, digest) in Self.digests {
            let run = try CLI.run(["convert", file, "--to", "json"])
            #expect(run.status == 0, "\(file): \(run.stderr)")
            #expect(Ledger.sha256Hex(run.stdoutData) == digest, "\(file)")
        }
    }
}
