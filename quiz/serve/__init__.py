"""The quiz in a web browser (``career-fit serve``), one private session per visitor.

``command`` is the sub-command, ``server`` the web server (page, static files, downloads, websockets),
``process`` one visitor's app process, ``visitors`` their private folders and how long they are kept,
``child`` the entry point of a visitor's app, ``download`` the export dialog's browser download. This
package's own import pulls in nothing, so a visitor's app starts as fast as ``career-fit``.
"""
