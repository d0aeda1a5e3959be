"""The course as a static JupyterLite site: JupyterLab in the browser on the Pyodide kernel, nothing to install.

``coursekit site --output DIR`` builds it (:mod:`coursekit.site.build`) from the installed package and
the three package registries only (PyPI, npm and Debian's): the Pyodide runtime from npm
(:mod:`~coursekit.site.runtime`), the kernel's start-up wheels and the widgets' wheels from PyPI
(:mod:`~coursekit.site.wheels`), coursekit's own wheel, and the lessons and exercises
(:mod:`~coursekit.site.contents`), never the course source or the worked solutions. Every download
is kept in a cache folder (:mod:`~coursekit.site.cache`), so building again needs no network.
"""
