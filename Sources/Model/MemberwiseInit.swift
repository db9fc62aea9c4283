/// Gives a struct the memberwise initialiser at its own access level (`package` for the model's values), since
/// Swift synthesises one only inside the module. Optional properties default to `nil`, properties with an initial
/// value to that value. See `ModelMacros.MemberwiseInitMacro`.
@attached(member, names: named(init))
package macro MemberwiseInit() = #externalMacro(module: "ModelMacros", type: "MemberwiseInitMacro")
