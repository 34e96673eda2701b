"""The metrics a CloudWatch alarm of infra/template.yaml reads: its one metric, or each metric its
metric math reads, in the same {"Namespace", "MetricName", "Dimensions"} shape either way."""


def metrics_read(alarm_properties: dict) -> list[dict]:
    if "Metrics" not in alarm_properties:
        return [{key: alarm_properties[key] for key in ("Namespace", "MetricName", "Dimensions")}]
    return [
        query["MetricStat"]["Metric"]
        for query in alarm_properties["Metrics"]
        if "MetricStat" in query
    ]
