"""Exhibitor booth applications (展览洽谈); the models arrive with the exhibitor issue."""
