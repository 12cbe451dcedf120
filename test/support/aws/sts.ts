import { randomUUID } from "node:crypto";
import type { FakeAccount } from "./account";
import { AwsServiceError } from "./aws-error";
import type { FakeAnswer, FakeRequest } from "./http";
import type { RecordedCall } from "./json-protocol-server";

const NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** The query protocol's names for the JSON protocols' authentication errors. */
const QUERY_NAMES: Record<string, { code: string; status: number }> = {
  UnrecognizedClientException: { code: "InvalidClientTokenId", status: 403 },
  InvalidSignatureException: { code: "SignatureDoesNotMatch", status: 403 },
  MissingAuthenticationTokenException: { code: "MissingAuthenticationToken", status: 403 },
  IncompleteSignatureException: { code: "IncompleteSignature", status: 400 },
  ExpiredTokenException: { code: "ExpiredToken", status: 400 },
};

/**
 * STS in the awsQuery protocol: a form-encoded POST (`Action=GetCallerIdentity&Version=…`),
 * answered in XML. GetCallerIdentity needs no permission, so only authentication can fail it.
 */
export function stsService(account: FakeAccount, calls: RecordedCall[]): (request: FakeRequest) => Promise<FakeAnswer> {
  return async (request) => {
    try {
      const form = new URLSearchParams(request.body.toString("utf8"));
      const action = form.get("Action") ?? "";
      calls.push({ service: "STS", operation: action, input: Object.fromEntries(form) });
      if (account.expired) throw new AwsServiceError("ExpiredTokenException", "The security token included in the request is expired");
      if (form.get("Version") !== "2011-06-15") throw new AwsServiceError("InvalidAction", `Could not find operation ${action} for version ${form.get("Version") ?? "NO_VERSION_SPECIFIED"}`);
      if (action !== "GetCallerIdentity") throw new AwsServiceError("InvalidAction", `Could not find operation ${action} for version 2011-06-15`);
      const fault = account.takeFault(action);
      if (fault) throw fault;
      const { arn, userId } = account.identity;
      return xml(
        200,
        `<GetCallerIdentityResponse xmlns="${NAMESPACE}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>${userId}</UserId><Account>${account.accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    } catch (error) {
      return queryErrorAnswer(error);
    }
  };
}

export function queryErrorAnswer(error: unknown): FakeAnswer {
  const failure = error instanceof AwsServiceError ? error : new AwsServiceError("InternalFailure", String(error), 500);
  const mapped = QUERY_NAMES[failure.type] ?? { code: failure.type, status: failure.statusCode };
  const type = mapped.status >= 500 ? "Receiver" : "Sender";
  return xml(
    mapped.status,
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${mapped.code}</Code><Message>${escapeXml(failure.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

function xml(status: number, body: string): FakeAnswer {
  return { status, headers: { "Content-Type": "text/xml", "x-amzn-RequestId": randomUUID() }, body };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
