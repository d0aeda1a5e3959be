"""`coursekit site`: build the course as a static JupyterLite site, for learners with only a browser."""

from __future__ import annotations

from pathlib import Path

from coursekit.cli.commands._common import add_verb


def _site(args) -> int:
    from coursekit.site.build import build
    from coursekit.site.cache import default_cache

    cache = Path(args.cache).expanduser() if args.cache else default_cache()
    built = build(Path(args.output), cache, Path(args.wheel) if args.wheel else None)
    print(f"Built the course site in {built.output} ({built.notebooks} notebooks, "
          f"{built.size_bytes / 2**20:.0f} MB) in {built.seconds:.0f} s.")
    print("Serve that folder with any web server, for example:\n"
          f"  python -m http.server 8000 --directory {built.output}\n"
          "then open http://localhost:8000/lab/index.html?path=notebooks/00_start_here.ipynb")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "site", help="build the course as a website that runs in the browser (JupyterLite)",
        description="Build one static folder that any web server can serve (a trust intranet, an internal "
        "static host): JupyterLab in the browser on the Pyodide kernel, with the lessons, the exercises (never "
        "the keys or the worked solutions), the progress page and coursekit itself. Learners install nothing; "
        "their answers are kept in their browser, on their device. The first build downloads the Pyodide "
        "runtime (npm) and wheels (PyPI) into a cache folder; later builds need no network.",
        example="  coursekit site --output course-site\n"
        "  python -m http.server 8000 --directory course-site",
    )
    parser.add_argument("--output", required=True, metavar="DIR", help="the folder to write the site into (replaced)")
    parser.add_argument("--cache", metavar="DIR", help="where downloads are kept (default: ~/.cache/coursekit-site)")
    parser.add_argument("--wheel", metavar="FILE", help="coursekit's wheel to put in the site (default: built "
                        "from the project checkout)")
    parser.set_defaults(func=_site)
