import SwiftCompilerPlugin
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// `@MemberwiseInit`: writes the memberwise initialiser of a struct at the struct's own access level. Swift
/// synthesises one only for use inside the module, so every `package` value built by another module (the model by the
/// readers, panel values by the store) would otherwise spell out each `self.x = x` by hand.
///
/// Every stored property becomes a parameter, in declaration order: an optional one defaults to `nil`, one with an
/// initial value defaults to that value, and a `let` with an initial value is left out (it cannot be assigned).
public struct MemberwiseInitMacro: MemberMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingMembersOf declaration: some DeclGroupSyntax,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard declaration.is(StructDeclSyntax.self) else {
            throw MacroFailure("@MemberwiseInit applies to a struct")
        }
        var parameters: [String] = []
        var assignments: [String] = []
        for member in declaration.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self), !isStatic(variable) else { continue }
            let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
            for binding in variable.bindings {
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.trimmedDescription,
                    isStored(binding)
                else { continue }
                if isLet && binding.initializer != nil { continue }
                guard let type = binding.typeAnnotation?.type.trimmed else {
                    throw MacroFailure("@MemberwiseInit needs the type of '\(name)' written out")
                }
                var parameter = "\(name): \(type.is(FunctionTypeSyntax.self) ? "@escaping " : "")\(type)"
                if let initial = binding.initializer?.value.trimmedDescription {
                    parameter += " = \(initial)"
                } else if type.is(OptionalTypeSyntax.self) {
                    parameter += " = nil"
                }
                parameters.append(parameter)
                assignments.append("self.\(name) = \(name)")
            }
        }
        let access = accessLevel(of: declaration)
        let header = "\(access)init(\(parameters.joined(separator: ", ")))"
        return ["\(raw: header) {\n\(raw: assignments.joined(separator: "\n"))\n}"]
    }

    private static func isStatic(_ variable: VariableDeclSyntax) -> Bool {
        variable.modifiers.contains { [.keyword(.static), .keyword(.class)].contains($0.name.tokenKind) }
    }

    /// A binding without accessors, or with observers only, holds storage; a getter makes it computed.
    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        guard let accessors = binding.accessorBlock?.accessors else { return true }
        guard case .accessors(let list) = accessors else { return false }
        return list.allSatisfy { [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind) }
    }

    private static func accessLevel(of declaration: some DeclGroupSyntax) -> String {
        let levels: [Keyword] = [.public, .package, .fileprivate, .private]
        for modifier in declaration.modifiers {
            if let level = levels.first(where: { modifier.name.tokenKind == .keyword($0) }) {
                return level == .private ? "fileprivate " : "\(modifier.name.text) "
            }
        }
        return ""
    }
}

/// A macro's refusal, shown by the compiler at the attribute.
struct MacroFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@main
struct ModelMacrosPlugin: CompilerPlugin {
    let providingMacros: [Macro.Type] = [MemberwiseInitMacro.self]
}
