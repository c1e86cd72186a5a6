"""Form pieces for the conference's places (halls, zones, boards), used by the apps' forms."""

from django import forms


class ParentSelect(forms.Select):
    """A select whose options name their parent (``data-parent``), so that a small script can
    show only the zones of the chosen hall and the boards of the chosen zone
    (static/js/exhibitors.js on the booth application, static/js/cascade.js elsewhere). Without
    the script every option stays, and the server checks the choice."""

    def __init__(self, *args, parent_field: str, extra=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_field = parent_field
        self.extra = extra

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-parent"] = getattr(instance, self.parent_field)
            if self.extra:
                option["attrs"].update(self.extra(instance))
        return option
