import Testing

@testable import psea

@Suite("psea: the command tree")
struct CommandTreeTests {
    @Test("every command spells its name out (a name derived from the type's name costs a reflection at every start)")
    func everyNameSpelledOut() {
        #expect(PSEA.configuration.commandName == "psea")
        var stack = PSEA.configuration.subcommands
        var names: [String] = []
        while let command = stack.popLast() {
            #expect(command.configuration.commandName != nil, "\(command)")
            names.append(command._commandName)
            stack += command.configuration.subcommands
        }
        #expect(names.count > 30)
        #expect(["validate", "convert", "template", "show", "codes", "check"].allSatisfy(names.contains))
    }
}
