package io.seatwarden.plan;

import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.TenantSnapshot;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.GabowStrongConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.traverse.BreadthFirstIterator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Group nesting as a directed graph of groups (an edge from a group to each group it contains).
 * Policies reach every member of their group, nested groups included — unlike Entra's own group
 * licensing. Cycles are legal in Entra and are reported as warnings, never followed twice.
 * Users are not vertices: the graph holds groups only.
 */
final class GroupNesting {
    private final TenantSnapshot tenant;
    private final Graph<GroupId, DefaultEdge> graph;

    GroupNesting(TenantSnapshot tenant) {
        this.tenant = tenant;
        this.graph = GraphTypeBuilder.<GroupId, DefaultEdge>directed()
                .allowingSelfLoops(true)
                .allowingMultipleEdges(false)
                .edgeClass(DefaultEdge.class)
                .buildGraph();
        for (Group group : tenant.groups()) {
            graph.addVertex(group.id());
        }
        for (Group group : tenant.groups()) {
            for (GroupId member : group.memberGroups()) {
                if (graph.containsVertex(member)) {
                    graph.addEdge(group.id(), member);
                }
            }
        }
    }

    /** The group and every group nested in it, each once. */
    Set<GroupId> reachable(GroupId root) {
        Set<GroupId> result = new LinkedHashSet<>();
        if (!graph.containsVertex(root)) {
            return result;
        }
        new BreadthFirstIterator<>(graph, root).forEachRemaining(result::add);
        return result;
    }

    /** One warning per nesting cycle among the groups reachable from the roots, sorted. */
    List<String> cycleWarnings(Collection<GroupId> roots) {
        Set<GroupId> reachable = new LinkedHashSet<>();
        for (GroupId root : roots) {
            reachable.addAll(reachable(root));
        }
        Graph<GroupId, DefaultEdge> subgraph = new AsSubgraph<>(graph, reachable);
        List<String> warnings = new ArrayList<>();
        for (Set<GroupId> component : new GabowStrongConnectivityInspector<>(subgraph).stronglyConnectedSets()) {
            boolean selfLoop = component.size() == 1 && subgraph.containsEdge(component.iterator().next(), component.iterator().next());
            if (component.size() > 1 || selfLoop) {
                String names = new TreeSet<>(component.stream().map(this::describe).collect(Collectors.toList()))
                        .stream().collect(Collectors.joining(", "));
                warnings.add("nested groups form a cycle: " + names + " (each member is counted once)");
            }
        }
        warnings.sort(String::compareTo);
        return warnings;
    }

    private String describe(GroupId id) {
        return tenant.group(id).map(group -> "'" + group.displayName() + "'").orElse(id.value());
    }
}
