"""`wavesmith classes PROJECT [ACTION]`: the classes of the classify task, and their edits.

Without an action it lists the classes (clips, recordings, clips per split); `rename`,
`merge`, `exclude`, `include` edit classes, `set` and `unset` a clip's class (a clip named by
its file's path or its id). Exit codes: 0 done; 2 a user error (an unknown class or file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from cli.common import CliError, count, open_project
from core.dataset.labels import (
    LabelError,
    classes,
    labelled_clips,
    merge_classes,
    rename_class,
    set_excluded,
    set_label,
)
from core.dataset.project import Project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "classes",
        help="list the classes of a labelled project; rename, merge, exclude them",
        description="Classes come from `wavesmith add PROJECT ROOT --labels` (the folder "
        "under ROOT names each file's class). Renames, merges and exclusions are kept in "
        "the project; an excluded class keeps its clips but gives training none. Splits "
        "never move: a clip keeps its split through every edit of its class.",
    )
    p.add_argument("dir", help="project folder")
    p.set_defaults(func=cmd_list, json=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser("list", help="list the classes (the default)")
    a.add_argument("--json", action="store_true", help="print JSON instead of text")
    a.set_defaults(func=cmd_list)
    a = actions.add_parser("rename", help="rename a class")
    a.add_argument("old")
    a.add_argument("new")
    a.set_defaults(func=cmd_rename)
    a = actions.add_parser("merge", help="move the clips of classes into one (new or not)")
    a.add_argument("names", nargs="+", help="classes to merge")
    a.add_argument("--into", required=True, help="the class they become")
    a.set_defaults(func=cmd_merge)
    for name, excluded, text in (
        ("exclude", True, "leave classes out of training (their clips stay labelled)"),
        ("include", False, "take excluded classes back"),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("names", nargs="+")
        a.set_defaults(func=cmd_exclude, excluded=excluded)
    a = actions.add_parser("set", help="put clips (files or clip ids) in a class")
    a.add_argument("label", help="the class (created if new)")
    a.add_argument("clips", nargs="+", help="files of the project, or clip ids")
    a.set_defaults(func=cmd_set)
    a = actions.add_parser("unset", help="take clips (files or clip ids) out of their class")
    a.add_argument("clips", nargs="+")
    a.set_defaults(func=cmd_set, label=None)


def cmd_list(args: argparse.Namespace) -> int:
    with open_project(args.dir) as project:
        infos = classes(project)
        splits = Counter((c.label, c.split) for c in labelled_clips(project))
    rows = [
        {
            "name": k.name,
            "excluded": k.excluded,
            "clips": k.clips,
            "recordings": k.recordings,
            "splits": {s: splits[(k.name, s)] for s in ("train", "val", "test")},
        }
        for k in infos
    ]
    if args.json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if not rows:
        print(
            "no classes: import a root of class folders with `wavesmith add PROJECT ROOT --labels`"
        )
        return 0
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        s = r["splits"]
        tail = "  (excluded)" if r["excluded"] else ""
        print(
            f"{r['name']:<{width}}  {r['clips']:5d} clips  {r['recordings']:4d} recordings  "
            f"train {s['train']} / val {s['val']} / test {s['test']}{tail}"
        )
    print(f"{len(rows)} classes, {sum(r['excluded'] for r in rows)} excluded")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    with open_project(args.dir) as project:
        _do(rename_class, project, args.old, args.new)
    print(f"renamed {args.old} → {args.new}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    with open_project(args.dir) as project:
        moved = _do(merge_classes, project, args.names, args.into)
    print(f"merged {', '.join(args.names)} into {args.into} ({moved} clips moved)")
    return 0


def cmd_exclude(args: argparse.Namespace) -> int:
    with open_project(args.dir) as project:
        for name in args.names:
            _do(set_excluded, project, name, args.excluded)
    print(("excluded " if args.excluded else "included ") + ", ".join(args.names))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    with open_project(args.dir) as project:
        ids = [i for item in args.clips for i in _clip_ids(project, item)]
        for clip_id in ids:
            _do(set_label, project, clip_id, args.label)
    what = f"in class {args.label}" if args.label is not None else "without a class"
    print(f"{count(len(ids), 'clip')} now {what}")
    return 0


def _clip_ids(project: Project, item: str) -> list[int]:
    """The clip named by an id, or every clip of a file of the project."""
    if item.isdigit():
        return [int(item)]
    source = project.source_by_path(str(Path(item).expanduser().resolve()))
    if source is None:
        raise CliError(f"{item}: not a file of this project (name a clip id or an imported file)")
    rows = project.connection().execute(
        "SELECT id FROM clips WHERE source_id = ? ORDER BY id", (source["id"],)
    )
    return [int(r[0]) for r in rows.fetchall()]


def class_table(project: Project):
    """The per-class statistics of a labelled project, windows counted as training cuts
    them with the default classify features (core.train.classify.features.window_starts)."""
    from core.dataset.stats_classes import class_stats
    from core.train.classify.features import window_starts
    from core.train.config import TrainConfig

    cfg = TrainConfig().classify
    return class_stats(project, window_starts, cfg.features, cfg.min_per_class)


def _do(func, *args):
    try:
        return func(*args)
    except LabelError as exc:
        raise CliError(str(exc)) from exc
