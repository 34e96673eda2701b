"""The user pool's Pre Sign-up trigger in infra/template.yaml: the pool runs the function whose
handler is cognito_triggers/pre_sign_up.py, Cognito (for this pool alone) may invoke it, and its
role may do nothing but write its own logs and traces."""

import importlib

from cognito_triggers import pre_sign_up
from infra.deploy import worker_package

# Cognito waits this long for a trigger before it gives up on the sign-up.
COGNITO_TRIGGER_TIMEOUT_SECONDS = 5


def test_given_the_user_pool_then_it_runs_the_pre_sign_up_function(resources):
    lambda_config = resources["UserPool"]["Properties"]["LambdaConfig"]

    assert lambda_config["PreSignUp"] == {"Fn::GetAtt": ["PreSignUpFunction", "Arn"]}


def test_given_the_function_then_its_handler_is_the_trigger_in_the_repository(resources):
    function = resources["PreSignUpFunction"]["Properties"]
    module_name, _, handler_name = function["Handler"].rpartition(".")

    handler = getattr(importlib.import_module(module_name), handler_name)

    assert handler is pre_sign_up.lambda_handler
    assert function["Code"] == {
        "S3Bucket": {"Ref": "TriggersCodeBucket"},
        "S3Key": {"Ref": "TriggersCodeKey"},
    }
    assert function["Runtime"] == f"python{worker_package.LAMBDA_PYTHON_VERSION}"
    assert function["Timeout"] <= COGNITO_TRIGGER_TIMEOUT_SECONDS
    assert function["LoggingConfig"] == {"LogGroup": {"Ref": "PreSignUpLogGroup"}}


def test_given_the_permission_then_only_this_pool_may_invoke_the_function(resources):
    permission = resources["PreSignUpPermission"]["Properties"]

    assert permission == {
        "FunctionName": {"Fn::GetAtt": ["PreSignUpFunction", "Arn"]},
        "Action": "lambda:InvokeFunction",
        "Principal": "cognito-idp.amazonaws.com",
        "SourceArn": {"Fn::GetAtt": ["UserPool", "Arn"]},
        "SourceAccount": {"Ref": "AWS::AccountId"},
    }


def test_given_the_role_then_it_writes_its_own_logs_and_nothing_else(resources):
    role = resources["PreSignUpRole"]["Properties"]
    (policy,) = role["Policies"]

    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Sid": "WriteOwnLogs",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": {"Fn::GetAtt": ["PreSignUpLogGroup", "Arn"]},
        }
    ]
    assert role["ManagedPolicyArns"] == [
        {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"}
    ]
