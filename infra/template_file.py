"""infra/template.yaml, read as data: CloudFormation's short-form tags (!Ref, !Sub, !GetAtt...)
become their long forms ({"Ref": ...}, {"Fn::Sub": ...}), so Python can look at the resources.
Used by the deploy plan (infra/deploy/plan.py) and by the tests that check the template."""

from pathlib import Path

import yaml

TEMPLATE_PATH = Path(__file__).resolve().parent / "template.yaml"


class CloudFormationLoader(yaml.SafeLoader):
    """PyYAML loader that understands CloudFormation's short-form tags."""


def _intrinsic_function(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        # The short form `!GetAtt Resource.Attribute` is the long form's two-item list.
        return {"Fn::GetAtt": value.split(".", 1)}
    return {f"Fn::{tag_suffix}": value}


CloudFormationLoader.add_multi_constructor("!", _intrinsic_function)


def load_template(path: Path = TEMPLATE_PATH) -> dict:
    return yaml.load(path.read_text(), Loader=CloudFormationLoader)
