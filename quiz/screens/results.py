"""The results: headline and band, the three roles with bars and numbers, why, what would change,
quality flags, the top role's description and growth tips, and the disclaimer. Long content scrolls."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from questions.schema import Citation
from quiz.widgets.keybar import KeyBar
from quiz.widgets.localized import Localized
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


class ResultsScreen(Localized):
    """Shows one :class:`~scoring.result.ResultDocument`."""

    BINDINGS = [
        Binding("e", "export", "app.key.export"),
        Binding("c", "compare", "app.key.compare"),
        Binding("r", "retake", "app.key.retake"),
        Binding("q", "app.quit", "app.key.quit"),
    ]

    def __init__(self, document: ResultDocument) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            for name in SECTIONS:
                yield Static(id=f"results-{name}", classes="results-section")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#results-body", VerticalScroll).focus()

    def _cite(self, source: Citation) -> str:
        article = self.quiz.bank.source(source.article)
        parts = [self.t("results.cite", title=article.title.get(self.lang), section=source.section)]
        for more in source.combines:
            other = self.quiz.bank.source(more.article)
            parts.append(self.t("results.cite_also", title=other.title.get(self.lang), section=more.section))
        return " ".join(parts)

    def _points(self, points: tuple[Point, ...]) -> Text:
        out = Text()
        for point in points:
            out.append("• ")
            out.append(point.text.get(self.lang))
            if point.source is not None:
                out.append("\n  " + self._cite(point.source), style="italic dim")
            out.append("\n")
        return out

    def refresh_text(self) -> None:
        doc = self.document
        result = doc.result
        bank = self.quiz.bank
        lang = self.lang
        ex = result.explanations

        def section(name: str, body: object) -> None:
            self.query_one(f"#results-{name}", Static).update(body)  # type: ignore[arg-type]

        band = self.t(f"band.{result.band}")
        if result.band == "close_call" and result.close_call is not None:
            a, b = (bank.role(r).name.get(lang) for r in result.close_call)
            band = self.t("results.close_call_between", a=a, b=b)
        headline = Text()
        headline.append(ex.headline.get(lang) + "\n", style="bold")
        headline.append(self.t("results.band_line", band=band) + "\n")
        headline.append(ex.band_meaning.get(lang) + "\n")
        headline.append(self.t("results.answered", answered=result.answered, total=result.total), style="dim")
        section("headline", headline)

        roles = Text(self.t("results.roles_title") + "\n", style="bold")
        section("roles", _stack(roles, role_table(result, bank, lang), Text(self.t("results.roles_note"), "dim")))

        dims = Text(self.t("results.dimensions_title") + "\n", style="bold")
        section("dimensions", _stack(dims, dimension_table(result, bank, lang)))

        why = Text(self.t("results.why_title") + "\n", style="bold")
        why.append_text(self._points(ex.evidence))
        if ex.contrasts:
            why.append(self.t("results.contrasts_title") + "\n", style="bold")
            why.append_text(self._points(ex.contrasts))
        section("why", why)

        change = Text(self.t("results.change_title") + "\n", style="bold")
        if not result.what_would_change:
            change.append(self.t("results.change_none") + "\n")
        for what in result.what_would_change:
            change.append("• " + what.summary.get(lang) + "\n")
            for step in what.changes[:5]:
                change.append("  – " + step.text.get(lang) + "\n", style="dim")
        section("change", change)

        flags = Text(self.t("results.flags_title") + "\n", style="bold")
        if not result.quality_flags:
            flags.append(self.t("results.flags_none") + "\n")
        for flag in result.quality_flags:
            flags.append("⚠ " + flag.text.get(lang) + "\n")
        section("flags", flags)

        top = bank.role(result.top)
        about = Text(self.t("results.role_title", role=top.name.get(lang)) + "\n", style="bold")
        about.append(ex.role_summary.get(lang) + "\n")
        if ex.role_strengths:
            about.append(self.t("results.strengths_title") + "\n", style="bold")
            for strength in ex.role_strengths:
                about.append("• " + strength.get(lang) + "\n")
        if ex.growth_tips:
            about.append(self.t("results.tips_title") + "\n", style="bold")
            for tip in ex.growth_tips:
                about.append("• " + tip.get(lang) + "\n")
        section("role", about)

        section("disclaimer", Text(ex.disclaimer.get(lang), style="italic"))

    # ----------------------------------------------------------------- actions

    def action_export(self) -> None:
        """Export the result to a file (Markdown, JSON, HTML or text)."""
        try:
            from quiz.dialogs.export import ExportDialog
        except ImportError:
            self.notify(self.t("app.error.export_missing"), severity="warning")
            return

        def done(path: object) -> None:
            if path is not None:
                self.notify(self.t("results.exported", path=str(path)))

        self.app.push_screen(ExportDialog(self.document, self.quiz.bank, self.lang), done)

    def action_compare(self) -> None:
        """Compare with the last result saved before this one."""
        try:
            from quiz.history import compare_text, latest_before
        except ImportError:
            self.notify(self.t("app.error.history_missing"), severity="warning")
            return
        try:
            previous = latest_before(self.document)
        except OSError as exc:
            self.notify(self.t("app.error.history_read", reason=exc.strerror or str(exc)), severity="warning")
            return
        if previous is None:
            self.notify(self.t("results.no_previous"))
            return
        from questions.strings import t
        from quiz.dialogs.text import TextDialog

        current = self.document
        self.app.push_screen(
            TextDialog(lambda lang: (t("results.compare_title", lang), compare_text(previous, current, lang)))
        )

    def action_retake(self) -> None:
        """Take the quiz again (after confirming)."""
        from quiz.dialogs.confirm import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.quiz.retake()

        self.app.push_screen(ConfirmDialog("confirm.retake"), done)


def _stack(*parts: object) -> object:
    from rich.console import Group

    return Group(*parts)  # type: ignore[arg-type]
