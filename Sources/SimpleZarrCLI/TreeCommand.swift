// `simplezarr tree PATH [--depth N]`: the hierarchy below a node, one line per
// node, arrays with their data type, shape, chunk and shard shapes and codecs.

import SimpleZarr

let treeSpec = CommandSpec(
    name: "tree", positionals: ["PATH"], requiredPositionals: 1,
    summary: "Print the hierarchy below PATH: one line per node; arrays with data type, shape, chunk (and shard) shape, codecs.",
    options: [.init(name: "depth", value: "N", help: "show N levels below PATH (default: all)")],
    brief: "print the hierarchy with shapes, types, chunks and codecs")

func runTree(_ arguments: ParsedArguments) throws {
    let depth = try arguments.integer("depth", default: Int.max, in: 0...Int.max)
    let location = try openNodeLocation(arguments.positionals[0])
    let node = try location.open()
    var lines: [String] = []
    let rootName = location.nodePath.isEmpty ? "/" : location.nodePath
    if let array = node as? ZarrArray {
        lines.append("\(rootName)  " + NodeSummary.arrayLine(array))
    } else if let group = node as? ZarrGroup {
        lines.append("\(rootName)  group (zarr v\(group.zarrFormat))")
        do {
            try appendChildren(of: group, prefix: "", depth: depth, to: &lines)
        } catch {
            throw CommandFailure(location.argument, error)
        }
    }
    print(lines.joined(separator: "\n"))
}

/// Appends the children of `group` below it, with box-drawing branches.
private func appendChildren(of group: ZarrGroup, prefix: String, depth: Int, to lines: inout [String]) throws {
    guard depth > 0 else { return }
    let readable = try group.children.map { (name: $0.name, node: Optional($0), error: String?.none) }
    let children = try readable + group.unreadableChildren.map { (name: $0.name, node: ZarrNode?.none, error: Optional(CommandFailure.cause(of: $0.error))) }
    for (offset, child) in children.enumerated() {
        let last = offset == children.count - 1
        let branch = prefix + (last ? "└── " : "├── ")
        switch child.node {
        case let array as ZarrArray:
            lines.append(branch + child.name + "  " + NodeSummary.arrayLine(array))
        case let subgroup as ZarrGroup:
            lines.append(branch + child.name + "/")
            try appendChildren(of: subgroup, prefix: prefix + (last ? "    " : "│   "), depth: depth - 1, to: &lines)
        default:
            lines.append(branch + child.name + "  unreadable: " + (child.error ?? "unknown node"))
        }
    }
}
