#!/usr/bin/env python3
"""Draw a quotegraph GraphML file with Graphviz: GraphML -> DOT (NetworkX) -> SVG (dot).

usage: scripts/draw-graph.py GRAPHML OUT.svg
One box per node, labelled with its type and label (and its role or organisation); one arrow per
edge, labelled with its relation (and the confidence of attributed_to). Needs python3-networkx
and graphviz (`dot`). docs/seed-graph.svg is made with:
    build/quotegraph analyze -f graphml examples/kaspersky-barclays.txt > /tmp/seed.graphml
    scripts/draw-graph.py /tmp/seed.graphml docs/seed-graph.svg
"""
import subprocess, sys

import networkx as nx

SHAPES = {"article": ("note", "#f2f2f2"), "quote": ("box", "#fff7d6"), "person": ("ellipse", "#d8ecff"),
          "role": ("ellipse", "#e6f5e6"), "organization": ("box3d", "#ffe3d6"),
          "outlet": ("cylinder", "#f0e0ff"), "document": ("folder", "#eeeeee")}


def esc(s):
    return str(s).replace("\\", "\\\\").replace('"', '\\"')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    g = nx.read_graphml(sys.argv[1])
    out = ["digraph quotegraph {", "  rankdir=LR; node [fontname=Helvetica, fontsize=10, style=filled];",
           "  edge [fontname=Helvetica, fontsize=9];"]
    for n, a in g.nodes(data=True):
        t = a.get("node_type", "")
        label = a.get("label", "")
        if len(label) > 48:
            label = label[:47] + "…"
        lines = [f"{t}: {label}"]
        if a.get("role"):
            lines.append(f"role: {a['role']}")
        if a.get("org"):
            lines.append(f"org: {a['org']}")
        if t == "article":
            for k in ("outlet", "headline", "author"):
                if a.get(k):
                    lines.append(f"{k}: {a[k][:48]}")
        if a.get("anonymous") == "yes":
            lines.append("anonymous")
        shape, color = SHAPES.get(t, ("box", "white"))
        out.append(f'  "{esc(a.get("name", n))}" [shape={shape}, fillcolor="{color}", '
                   f'label="{esc(chr(10).join(lines))}"];')
    for s, t, a in g.edges(data=True):
        rel = a.get("relation", "")
        lab = f"{rel} {a['confidence']:.2f}" if rel == "attributed_to" else rel
        out.append(f'  "{esc(g.nodes[s].get("name", s))}" -> "{esc(g.nodes[t].get("name", t))}" '
                   f'[label="{esc(lab)}"];')
    out.append("}")
    svg = subprocess.run(["dot", "-Tsvg"], input="\n".join(out).encode("utf-8"), capture_output=True, check=True)
    with open(sys.argv[2], "wb") as f:
        f.write(svg.stdout)


if __name__ == "__main__":
    main()
