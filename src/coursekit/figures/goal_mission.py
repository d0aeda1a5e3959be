"""Lesson 4's figures (a goal and a mission): GOV.UK's websites, and SCAS's staged journey."""

from __future__ import annotations

import matplotlib.pyplot as plt

from coursekit.figures.style import HATCHES, PALETTE, Figure, figure, svg


@figure("govuk_websites")
def govuk_websites() -> Figure:
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    labels = ["Government websites before", "GOV.UK"]
    values = [1881, 1]
    bars = ax.barh(labels, values, color=[PALETTE[1], PALETTE[0]], edgecolor="black")
    bars[0].set_hatch("//")
    for bar, value in zip(bars, values):
        ax.text(bar.get_width() + 25, bar.get_y() + bar.get_height() / 2, f"{value:,}", va="center", fontsize=11)
    ax.set_xlim(0, 2150)
    ax.invert_yaxis()
    ax.set_xlabel("Number of websites")
    ax.set_title("One goal: 1,881 websites replaced by one")
    ax.spines[["top", "right"]].set_visible(False)
    return svg(
        fig,
        alt="Bar chart. 1,881 government websites before; one website, GOV.UK, after.",
        caption="GOV.UK, a new website that replaced 1,881 others: the UK government's single, clear goal. "
        "Source: A new era of digital leadership (NHS Providers with Public Digital, 2020).",
    )


@figure("scas_journey")
def scas_journey() -> Figure:
    steps = [
        ("2006", "Trust formed by\nmerging four\nambulance county\nservices"),
        ("Stage 1", "Integrate legacy\nsystems (telephones,\ncomputer aided\ndispatch); build\nresilience"),
        ("Stage 2", "'Renew and\nreplace', including\nthe 111 rollout"),
        ("Now", "Deliver system\nworking, starting\nfrom the whole\nsystem and\nworking back"),
    ]
    fig, ax = plt.subplots(figsize=(11, 3.0))
    ax.set_xlim(0, len(steps))
    ax.set_ylim(0, 1)
    ax.axis("off")
    for i, (when, what) in enumerate(steps):
        x = i + 0.05
        ax.add_patch(plt.Rectangle((x, 0.12), 0.86, 0.62, facecolor=PALETTE[i % 4], alpha=0.25,
                                   edgecolor="black", hatch=HATCHES[i % len(HATCHES)], linewidth=1))
        ax.text(x + 0.43, 0.86, when, ha="center", va="center", fontsize=12, fontweight="bold")
        ax.text(x + 0.43, 0.43, what, ha="center", va="center", fontsize=10.5,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=2))
        if i < len(steps) - 1:
            ax.annotate("", xy=(i + 1.05, 0.43), xytext=(i + 0.91, 0.43),
                        arrowprops=dict(arrowstyle="->", lw=1.8))
    ax.set_title("South Central Ambulance Service: a staged digital journey", fontsize=12)
    return svg(
        fig,
        alt="Four steps left to right: 2006 merger of four ambulance services; stage 1, integrate legacy systems; "
        "stage 2, renew and replace including 111; now, system working.",
        caption="SCAS staged its journey and avoided too many business-critical changes at once. "
        "The source dates only the 2006 merger, so stages 1 and 2 are shown in order, not on a time scale.",
    )
