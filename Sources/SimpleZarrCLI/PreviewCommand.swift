import SimpleZarr
let previewSpec = CommandSpec(name: "preview", positionals: ["PATH", "SLICE"], requiredPositionals: 1, summary: "Preview.", options: [])
func runPreview(_ arguments: ParsedArguments) throws {}
