"""A hand-built, realistic result for export tests (independent of the scoring engine and shipped bank).

Load with :func:`load_sample` from any test folder; the bank is ``sample_bank.yaml`` beside this file.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from questions.loader import load_bank
from questions.schema import Bank, Citation, RoleId, Text
from scoring.result import (
    AnswerChange,
    BankRef,
    DimensionResult,
    Explanations,
    ModelInfo,
    Point,
    QualityFlag,
    Result,
    ResultDocument,
    WhatWouldChange,
)

HERE = Path(__file__).resolve().parent
BANK_FILE = HERE / "sample_bank.yaml"
CREATED = datetime(2026, 11, 23, 14, 30, 5, tzinfo=timezone.utc)
"""The fixed clock of every golden file."""


def sample_bank() -> Bank:
    """The small bank the sample result refers to."""
    return load_bank(BANK_FILE)


def _t(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)


IMPL_PM_4 = Citation(article="impl_vs_pm", section="四、工作重心的区别")
PM_OPS_3 = Citation(article="pm_vs_ops", section="三、关注重点的不同")
PM_OPS_2 = Citation(article="pm_vs_ops", section="二、工作周期的不同")
COMBINED = Citation(article="impl_vs_pm", section="四、工作重心的区别", combines=(PM_OPS_3,))


def sample_document(
    *,
    created: datetime = CREATED,
    scores: dict[RoleId, float] | None = None,
    probabilities: dict[RoleId, float] | None = None,
    ranking: tuple[RoleId, RoleId, RoleId] = ("project_manager", "implementation_manager", "operations"),
    band: str = "leaning",
    answers: dict[str, int | str] | None = None,
    flags: bool = False,
    hostile: bool = False,
    bank_version: str = "1.2.0",
    lang: str = "zh",
) -> ResultDocument:
    """A complete :class:`ResultDocument`; the keyword arguments make variants for history/compare tests.

    ``hostile=True`` puts markup (HTML, Markdown, table pipes) into the texts an export prints, to test
    escaping.
    """
    scores = scores or {"project_manager": 72.5, "implementation_manager": 58.3, "operations": 31.2}
    probabilities = probabilities or {"project_manager": 0.64, "implementation_manager": 0.31, "operations": 0.05}
    answers = answers or {
        "wf_impl": 3, "wf_pm": 5, "wf_ops": 2, "th_impl": 4, "th_pm": 5, "th_ops": 1, "wf_triad": "wf_triad_pm",
    }
    evil = ' <script>alert("x")</script> | **bold** <img src=http://evil.example/x.png>' if hostile else ""
    first, second = ranking[0], ranking[1]
    names = {"implementation_manager": ("实施经理", "Implementation manager"),
             "project_manager": ("项目经理", "Project manager"), "operations": ("运营经理", "Operations manager")}
    explanations = Explanations(
        headline=_t(
            f"你的回答最接近{names[first][0]}，其次是{names[second][0]}。",
            f"Your answers are closest to {names[first][1]}, then {names[second][1]}.",
        ),
        band_meaning=_t(
            "首选角色领先得比较明显，但第二名并不远：两种工作你可能都能做得开心。",
            "Your top role leads clearly, but the runner-up is not far behind: you could enjoy either kind of work.",
        ),
        evidence=(
            Point(
                text=_t(
                    "三选一题中，你 1 次选了项目经理的选项（“协调各方把延期的进度追回来”）。" + evil,
                    "In the triad you picked the project manager option (“Pull a late schedule back with everyone "
                    "involved”)." + evil,
                ),
                source=COMBINED,
            ),
            Point(
                text=_t(
                    "你给“排出整个项目的里程碑计划”和“带一个项目从启动到收尾”都打了 5 分（非常喜欢）。",
                    "You rated “Lay out the milestones of a whole project” and “Take a project from kickoff to "
                    "close” 5 (like very much).",
                ),
                source=PM_OPS_2,
            ),
            Point(
                text=_t("你给运营类活动的评分最低（平均 1.5 分）。",
                        "You rated operations activities lowest (1.5 on average).")
            ),
        ),
        contrasts=(
            Point(
                text=_t(
                    "工作重心：项目经理关注整体目标与进度，实施经理关注技术细节与执行；你的回答更偏向整体推进。",
                    "Work focus: a project manager watches the overall goal and schedule, an implementation manager "
                    "the technical details and execution; your answers lean towards driving the whole.",
                ),
                source=IMPL_PM_4,
            ),
        ),
        role_summary=_t(
            "项目经理负责项目的整体规划、资源协调、进度把控和风险控制，保证项目按时、按预算、按质量完成。",
            "A project manager plans the whole project, coordinates resources, keeps the schedule and controls "
            "risk, so that it finishes on time, on budget and to the required quality.",
        ),
        role_strengths=(_t("沟通协调", "Communication and coordination"), _t("风险意识", "Risk awareness")),
        growth_tips=(
            _t("系统学习项目管理方法（如 PMP 知识体系）。",
               "Study a project management method (such as the PMP body of knowledge)."),
            _t("多参与跨部门协作，练习向上和向外沟通。",
               "Take part in cross-team work and practise reporting upwards and outwards."),
        ),
        disclaimer=_t(
            "本测评用于职业探索，帮助你了解自己的工作偏好；它不是招聘或评估工具，结果不应用于录用、晋升或考核决定。",
            "This quiz is for career exploration: it shows your work preferences. It is not a hiring or assessment "
            "tool, and its result should not be used for hiring, promotion or performance decisions.",
        ),
    )
    wwc = (
        WhatWouldChange(
            role=second,
            changes=(
                AnswerChange(
                    item_id="wf_triad", was="wf_triad_pm", to="wf_triad_impl",
                    text=_t("三选一题改选“解决客户现场的技术问题”",
                            "in the triad, pick “Fix technical problems on site”"),
                ),
                AnswerChange(
                    item_id="th_pm", was=5, to=3,
                    text=_t("“带一个项目从启动到收尾”打 3 分而不是 5 分",
                            "rate “Take a project from kickoff to close” 3 instead of 5"),
                ),
            ),
            summary=_t(f"改动 2 个回答，{names[second][0]}就会排第一。",
                       f"Changing 2 answers would put {names[second][1]} first."),
        ),
    )
    quality = (
        (QualityFlag(kind="too_fast", text=_t("有 3 道题你答得非常快（不到 2 秒）。",
                                              "You answered 3 items very fast (under 2 seconds).")),)
        if flags else ()
    )
    result = Result(
        ranking=ranking,
        scores=scores,
        probabilities=probabilities,
        band=band,
        close_call=(ranking[0], ranking[1]) if band == "close_call" else None,
        answered=len(answers),
        total=7,
        dimensions=(
            DimensionResult(
                id="work_focus", name=_t("工作重心", "Work focus"),
                scores={"implementation_manager": 50.0, "project_manager": 87.5, "operations": 25.0},
                favoured="project_manager", margin=37.5, answered=4,
            ),
            DimensionResult(
                id="time_horizon", name=_t("工作周期", "Time horizon"),
                scores={"implementation_manager": 75.0, "project_manager": 75.0, "operations": 0.0},
                favoured=None, margin=0.0, answered=3,
            ),
        ),
        explanations=explanations,
        what_would_change=wwc,
        quality_flags=quality,
        model=ModelInfo(name="Thurstonian probit", loading=0.7, prior_correlation=0.3, bias_sd=0.5,
                        cuts=(-1.5, -0.5, 0.5, 1.5), triad_scale=1.0),
    )
    return ResultDocument(
        created=created,
        bank=BankRef(id="career_fit_sample", version=bank_version),
        lang=lang,
        answers=answers,
        timings={"wf_impl": 6.2, "wf_pm": 4.8},
        result=result,
    )


def later(days: int) -> datetime:
    """``CREATED`` plus ``days`` days."""
    return CREATED + timedelta(days=days)
