"""Artefacts generated from schema/model.yaml."""
