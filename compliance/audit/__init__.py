"""The audit record: what was checked, by which rules, who approved it; tamper-evident, replayable and exportable."""
