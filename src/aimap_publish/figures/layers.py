"""Figure kind `layers`: the industry structure as stacked layers with a flow beside them."""
from __future__ import annotations

from ..content.model import LayersFigure, Report, Text


def describe(figure: LayersFigure, report: Report) -> Text:
    def say(lang):
        sep, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
        parts = []
        for lid in figure.data.layers:
            layer = report.layer_by_id[lid]
            items = ", ".join(item[lang] for item in layer.items) if lang == "en" else "、".join(item[lang] for item in layer.items)
            anchors = " / ".join(report.region_by_id[r].short[lang] for r in layer.regions)
            parts.append(f"{layer.name[lang]}{colon}{items}" + (f" ({anchors})" if lang == "en" else f"（{anchors}）") * bool(anchors))
        flow = " → ".join(step[lang] for step in figure.data.flow)
        return f"{figure.title[lang]}{colon}{sep.join(parts)}" + (f"{sep}{flow}" if flow else "")
    return Text(say("zh"), say("en"))
