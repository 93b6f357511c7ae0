"""What a project of drafts keeps beside them: its configuration, waivers and baseline of accepted findings."""
