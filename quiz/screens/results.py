"""The results: headline and band, the three roles with bars and numbers, why, what would change,
quality flags, the top role's description and growth tips, and the disclaimer. Long content scrolls."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from questions.schema import Bank, Citation
from quiz.screens.base import QuizScreen
from quiz.widgets.keybar import KeyBar
from quiz.widgets.rolebars import dimension_table, role_table
from scoring.result import Point, ResultDocument

SECTIONS = (
    "headline",
    "roles",
    "dimensions",
    "why",
    "change",
    "flags",
    "role",
    "disclaimer",
)


class ResultsScreen(QuizScreen[None]):
    """Shows one :class:`~scoring.result.ResultDocument`, scored with ``bank``."""

    BINDINGS = [
        Binding("e", "export", "app.key.export"),
        Binding("c", "compare", "app.key.compare"),
        Binding("r", "retake", "app.key.retake"),
        Binding("q", "app.quit", "app.key.quit"),
    ]

    class RetakeChosen(Message):
        """Take the quiz again (confirmed)."""

    def __init__(self, document: ResultDocument, bank: Bank) -> None:
        super().__init__()
        self.document = document
        self.bank = bank

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            for name in SECTIONS:
                yield Static(id=f"results-{name}", classes="results-section")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#results-body", VerticalScroll).focus()

    def _cite(self, source: Citation) -> str:
        article = self.bank.source(source.article)
        parts = [self.t("results.cite", title=article.title.get(self.lang), section=source.section)]
        for more in source.combines:
            other = self.bank.source(more.article)
            parts.append(self.t("results.cite_also", title=other.title.get(self.lang), section=more.section))
        return " ".join(parts)

    def _points(self, points: tuple[Point, ...]) -> Table:
        table = _bullets()
        for point in points:
            body = Text(point.text.get(self.lang))
            if point.source is not None:
                body.append("\n" + self._cite(point.source), style="italic dim")
            table.add_row("•", body)
        return table

    def refresh_text(self) -> None:
        doc = self.document
        result = doc.result
        bank = self.bank
        lang = self.lang
        ex = result.explanations

        def section(name: str, *parts: RenderableType) -> None:
            self.query_one(f"#results-{name}", Static).update(Group(*parts))

        def heading(key: str, **values: object) -> Text:
            return Text(self.t(key, **values), style="bold")

        def bullets(lines: list[tuple[str, str]]) -> Table:
            table = _bullets()
            for mark, line in lines:
                table.add_row(mark, Text(line))
            return table

        headline = Text()
        headline.append(ex.headline.get(lang) + "\n", style="bold")
        headline.append(ex.band_meaning.get(lang) + "\n")
        headline.append(self.t("results.answered", answered=result.answered, total=result.total), style="dim")
        section("headline", headline)

        section(
            "roles",
            heading("results.roles_title"),
            role_table(result, bank, lang),
            Text(self.t("results.roles_note"), style="dim"),
        )
        section("dimensions", heading("results.dimensions_title"), dimension_table(result, bank, lang))

        why: list[RenderableType] = [heading("results.why_title"), self._points(ex.evidence)]
        if ex.contrasts:
            why += [heading("results.contrasts_title"), self._points(ex.contrasts)]
        section("why", *why)

        changes: list[tuple[str, str]] = []
        for what in result.what_would_change:
            changes.append(("•", what.summary.get(lang)))
            changes.extend(("  –", step.text.get(lang)) for step in what.changes[:5])
        if not changes:
            changes.append(("•", self.t("results.change_none")))
        section("change", heading("results.change_title"), bullets(changes))

        flags = [("⚠", flag.text.get(lang)) for flag in result.quality_flags]
        section("flags", heading("results.flags_title"), bullets(flags or [("✓", self.t("results.flags_none"))]))

        from quiz.export.common import about_heading

        about: list[RenderableType] = [
            Text(about_heading(result, lang, "results.role_title"), style="bold"),
            Text(ex.role_summary.get(lang)),
        ]
        if ex.role_strengths:
            about += [heading("results.strengths_title"), bullets([("•", x.get(lang)) for x in ex.role_strengths])]
        if ex.growth_tips:
            about += [heading("results.tips_title"), bullets([("•", x.get(lang)) for x in ex.growth_tips])]
        section("role", *about)

        section("disclaimer", Text(ex.disclaimer.get(lang), style="italic"))

    # ----------------------------------------------------------------- actions

    def action_export(self) -> None:
        """Export the result to a file (Markdown, JSON, HTML or text)."""
        try:
            from quiz.dialogs.export import ExportDialog
        except ImportError:
            self.notify(self.t("app.error.export_missing"), severity="warning", markup=False)
            return

        def done(path: object) -> None:
            if path is not None:
                self.notify(self.t("results.exported", path=str(path)), markup=False)

        self.app.push_screen(ExportDialog(self.document, self.bank, self.lang), done)

    def action_compare(self) -> None:
        """Compare with the last result saved before this one."""
        try:
            from quiz.history import compare_text, latest_before
        except ImportError:
            self.notify(self.t("app.error.history_missing"), severity="warning", markup=False)
            return
        try:
            previous = latest_before(self.document)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notify(self.t("app.error.history_read", reason=reason), severity="warning", markup=False)
            return
        if previous is None:
            self.notify(self.t("results.no_previous"), markup=False)
            return
        from quiz.dialogs.text import TextDialog
        from quiz.i18n import t

        current = self.document
        self.app.push_screen(
            TextDialog(lambda lang: (t("results.compare_title", lang), compare_text(previous, current, lang)))
        )

    def action_retake(self) -> None:
        """Take the quiz again (after confirming)."""
        from quiz.dialogs.confirm import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(self.RetakeChosen())

        self.app.push_screen(ConfirmDialog("confirm.retake"), done)


def _bullets() -> Table:
    """A two-column grid: a mark, then text that wraps under itself (not under the mark)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")  # Chinese has no spaces to wrap at: fold, never cut with "…"
    return table
