"""Figure kind `comparison`: columns side by side, each a heading and a list, with a bridge."""
from __future__ import annotations

from ..content.model import ComparisonFigure, Report, Text


def describe(figure: ComparisonFigure, report: Report) -> Text:
    def say(lang):
        sep, colon, comma = ("；", "：", "、") if lang == "zh" else ("; ", ": ", ", ")
        columns = [
            f"{col.name[lang]} — {col.heading[lang]}{colon}{comma.join(item[lang] for item in col.items)}"
            for col in figure.data.columns
        ]
        bridge = f"{sep}{figure.data.bridge[lang]}" if figure.data.bridge else ""
        return f"{figure.title[lang]}{colon}{sep.join(columns)}{bridge}"
    return Text(say("zh"), say("en"))
