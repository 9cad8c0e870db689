/// The services of a system and who calls whom, by number, for the checks that must stay linear in the number of
/// services: looking a dependency up by name, and finding cycles.
///
/// A name declared twice counts once, with the dependencies of its first declaration; dependencies on names the
/// system does not declare are no edges.
struct DependencyGraph {
    /// The distinct service names, in the order of their first declaration.
    let names: [String]
    /// The number of each distinct name.
    let numbers: [String: Int]
    /// The position in the system's services of each name's first declaration.
    let declarations: [Int]
    /// The dependencies of each name, in declaration order (repeats kept), as numbers.
    let edges: [[Int]]

    init(_ services: [ServiceDescription]) {
        var names: [String] = []
        var numbers: [String: Int] = [:]
        var declarations: [Int] = []
        for (position, service) in services.enumerated() where numbers[service.name] == nil {
            numbers[service.name] = names.count
            names.append(service.name)
            declarations.append(position)
        }
        self.names = names
        self.numbers = numbers
        self.declarations = declarations
        self.edges = declarations.map { position in services[position].dependencies.compactMap { numbers[$0.service] } }
    }

    /// The strongly connected component of each node, numbered; nodes that can reach each other share one.
    /// Tarjan's algorithm, iterative (a chain of thousands of services must not exhaust the stack).
    func components() -> (component: [Int], sizes: [Int]) {
        let count = names.count
        var index = Array(repeating: -1, count: count), lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var component = Array(repeating: -1, count: count)
        var sizes: [Int] = []
        var stack: [Int] = []
        var nextIndex = 0
        for root in 0..<count where index[root] < 0 {
            // (node, position of the next edge to follow)
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge]
                    if index[next] < 0 {
                        index[next] = nextIndex; lowLink[next] = nextIndex; nextIndex += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == index[node] {
                    var size = 0
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = sizes.count
                        size += 1
                        if member == node { break }
                    }
                    sizes.append(size)
                }
            }
        }
        return (component, sizes)
    }

    /// The first cycle back to `start` that a depth-first search along the dependencies, in declaration order, meets:
    /// `start`, the path, and `start` again. Only nodes of `start`'s component can lie on such a cycle, so the search
    /// stays inside it (`component`), which makes it linear in the component's size and leaves the result unchanged.
    func firstCycle(from start: Int, component: [Int]) -> [Int]? {
        let home = component[start]
        var visited = Set<Int>()
        var path = [start]
        var positions = [0]
        while let node = path.last {
            let position = positions[positions.count - 1]
            guard position < edges[node].count else {
                path.removeLast()
                positions.removeLast()
                continue
            }
            positions[positions.count - 1] += 1
            let next = edges[node][position]
            if next == start { return path + [start] }
            guard component[next] == home, visited.insert(next).inserted else { continue }
            path.append(next)
            positions.append(0)
        }
        return nil
    }
}
