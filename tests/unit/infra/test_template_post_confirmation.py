"""The user pool's Post Confirmation trigger in infra/template.yaml: the pool runs the function
whose handler is cognito_triggers/post_confirmation.py, Cognito (for this pool alone) may invoke
it, and its role may put items in the table (the profile and its username claim) and write its
own logs and traces, nothing more."""

import importlib

from cognito_triggers import post_confirmation
from infra.deploy import worker_package

COGNITO_TRIGGER_TIMEOUT_SECONDS = 5


def test_given_the_user_pool_then_it_runs_the_post_confirmation_function(resources):
    lambda_config = resources["UserPool"]["Properties"]["LambdaConfig"]

    assert lambda_config["PostConfirmation"] == {"Fn::GetAtt": ["PostConfirmationFunction", "Arn"]}


def test_given_the_function_then_it_is_the_trigger_in_the_repository_with_the_table(resources):
    function = resources["PostConfirmationFunction"]["Properties"]
    module_name, _, handler_name = function["Handler"].rpartition(".")

    handler = getattr(importlib.import_module(module_name), handler_name)

    assert handler is post_confirmation.lambda_handler
    # The same zip as the Pre Sign-up trigger: the cognito_triggers package.
    assert function["Code"] == resources["PreSignUpFunction"]["Properties"]["Code"]
    assert function["Runtime"] == f"python{worker_package.LAMBDA_PYTHON_VERSION}"
    assert function["Timeout"] <= COGNITO_TRIGGER_TIMEOUT_SECONDS
    assert function["Environment"]["Variables"] == {"TABLE_NAME": {"Ref": "PhotosTable"}}
    assert function["LoggingConfig"] == {"LogGroup": {"Ref": "PostConfirmationLogGroup"}}


def test_given_the_permission_then_only_this_pool_may_invoke_the_function(resources):
    permission = resources["PostConfirmationPermission"]["Properties"]

    assert permission == {
        "FunctionName": {"Fn::GetAtt": ["PostConfirmationFunction", "Arn"]},
        "Action": "lambda:InvokeFunction",
        "Principal": "cognito-idp.amazonaws.com",
        "SourceArn": {"Fn::GetAtt": ["UserPool", "Arn"]},
        "SourceAccount": {"Ref": "AWS::AccountId"},
    }


def test_given_the_role_then_it_puts_items_in_the_table_and_writes_its_own_logs(resources):
    (policy,) = resources["PostConfirmationRole"]["Properties"]["Policies"]

    statements = {
        statement["Sid"]: (statement["Action"], statement["Resource"])
        for statement in policy["PolicyDocument"]["Statement"]
    }

    assert statements == {
        "MakeProfiles": ("dynamodb:PutItem", {"Fn::GetAtt": ["PhotosTable", "Arn"]}),
        "WriteOwnLogs": (
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            {"Fn::GetAtt": ["PostConfirmationLogGroup", "Arn"]},
        ),
    }
