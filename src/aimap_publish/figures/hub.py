"""Figure kind `hub`: a centre with one node per region around it."""
from __future__ import annotations

from ..content.inline import plain
from ..content.model import HubFigure, Report, Text


def describe(figure: HubFigure, report: Report) -> Text:
    def say(lang):
        nodes = "；".join if lang == "zh" else "; ".join
        parts = []
        for rid in figure.data.regions:
            region = report.region_by_id[rid]
            tag = report.tag_by_id[region.tag].label
            fields = (region.place, region.model, region.summary, tag)
            parts.append(" · ".join(plain(t[lang]) for t in fields))
        colon = "：" if lang == "zh" else ": "
        return f"{figure.title[lang]}{colon}{figure.data.center[lang]}{colon}{nodes(parts)}"
    return Text(say("zh"), say("en"))
