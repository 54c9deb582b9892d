export const id = 971;
export const ids = [971];
export const modules = {

/***/ 3971:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(544);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(7138);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = __webpack_require__(3042);
const { Command: $Command } = __webpack_require__(3042);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(9467);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(8869);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(1342);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(3129);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(5066);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(8915);
const { defaultProvider } = __webpack_require__(4213);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(7518);
const { streamCollector, NodeHttpHandler } = __webpack_require__(3343);
const { AwsJson1_1Protocol } = __webpack_require__(7368);
const { Sha256 } = __webpack_require__(566);

const defaultResourceGroupsTaggingAPIHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "tagging",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultResourceGroupsTaggingAPIHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "tagging",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1141.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://tagging-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://tagging-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://tagging.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://tagging.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 12, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 10,
    5, r + 8, r + 9,
    4, 10, 9,
    6, r + 6, r + 7,
    5, 11, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 13,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class ResourceGroupsTaggingAPIServiceException extends ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, ResourceGroupsTaggingAPIServiceException.prototype);
    }
}

class ConcurrentModificationException extends ResourceGroupsTaggingAPIServiceException {
    name = "ConcurrentModificationException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConcurrentModificationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConcurrentModificationException.prototype);
        this.Message = opts.Message;
    }
}
class ConstraintViolationException extends ResourceGroupsTaggingAPIServiceException {
    name = "ConstraintViolationException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConstraintViolationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConstraintViolationException.prototype);
        this.Message = opts.Message;
    }
}
class InternalServiceException extends ResourceGroupsTaggingAPIServiceException {
    name = "InternalServiceException";
    $fault = "server";
    Message;
    constructor(opts) {
        super({
            name: "InternalServiceException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalServiceException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidParameterException extends ResourceGroupsTaggingAPIServiceException {
    name = "InvalidParameterException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterException.prototype);
        this.Message = opts.Message;
    }
}
class ThrottledException extends ResourceGroupsTaggingAPIServiceException {
    name = "ThrottledException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ThrottledException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottledException.prototype);
        this.Message = opts.Message;
    }
}
class PaginationTokenExpiredException extends ResourceGroupsTaggingAPIServiceException {
    name = "PaginationTokenExpiredException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "PaginationTokenExpiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, PaginationTokenExpiredException.prototype);
        this.Message = opts.Message;
    }
}

const _CD = "ComplianceDetails";
const _CFRT = "CloudFormationResourceTypes";
const _CME = "ConcurrentModificationException";
const _CS = "ComplianceStatus";
const _CVE = "ConstraintViolationException";
const _DRC = "DescribeReportCreation";
const _DRCI = "DescribeReportCreationInput";
const _DRCO = "DescribeReportCreationOutput";
const _EC = "ErrorCode";
const _ECR = "ExcludeCompliantResources";
const _EM = "ErrorMessage";
const _FI = "FailureInfo";
const _FRM = "FailedResourcesMap";
const _GB = "GroupBy";
const _GCS = "GetComplianceSummary";
const _GCSI = "GetComplianceSummaryInput";
const _GCSO = "GetComplianceSummaryOutput";
const _GR = "GetResources";
const _GRI = "GetResourcesInput";
const _GRO = "GetResourcesOutput";
const _GTK = "GetTagKeys";
const _GTKI = "GetTagKeysInput";
const _GTKO = "GetTagKeysOutput";
const _GTV = "GetTagValues";
const _GTVI = "GetTagValuesInput";
const _GTVO = "GetTagValuesOutput";
const _ICD = "IncludeComplianceDetails";
const _IPE = "InvalidParameterException";
const _ISE = "InternalServiceException";
const _K = "Key";
const _KWNV = "KeysWithNoncompliantValues";
const _LRT = "ListRequiredTags";
const _LRTI = "ListRequiredTagsInput";
const _LRTO = "ListRequiredTagsOutput";
const _LU = "LastUpdated";
const _M = "Message";
const _MR = "MaxResults";
const _MTK = "MissingTagKeys";
const _NCR = "NonCompliantResources";
const _NK = "NoncompliantKeys";
const _NT = "NextToken";
const _PT = "PaginationToken";
const _PTEE = "PaginationTokenExpiredException";
const _R = "Region";
const _RARN = "ResourceARN";
const _RARNL = "ResourceARNList";
const _RF = "RegionFilters";
const _RPP = "ResourcesPerPage";
const _RT = "RequiredTags";
const _RTF = "ResourceTypeFilters";
const _RTFLRT = "RequiredTagsForListRequiredTags";
const _RTK = "ReportingTagKeys";
const _RTM = "ResourceTagMapping";
const _RTML = "ResourceTagMappingList";
const _RTe = "RequiredTag";
const _RTes = "ResourceType";
const _S = "Status";
const _SB = "S3Bucket";
const _SC = "StatusCode";
const _SD = "StartDate";
const _SL = "S3Location";
const _SLu = "SummaryList";
const _SRC = "StartReportCreation";
const _SRCI = "StartReportCreationInput";
const _SRCO = "StartReportCreationOutput";
const _Su = "Summary";
const _T = "Tags";
const _TE = "ThrottledException";
const _TF = "TagFilters";
const _TFL = "TagFilterList";
const _TFa = "TagFilter";
const _TI = "TargetId";
const _TIF = "TargetIdFilters";
const _TIT = "TargetIdType";
const _TK = "TagKeys";
const _TKF = "TagKeyFilters";
const _TL = "TagList";
const _TPP = "TagsPerPage";
const _TR = "TagResources";
const _TRI = "TagResourcesInput";
const _TRO = "TagResourcesOutput";
const _TV = "TagValues";
const _Ta = "Tag";
const _UR = "UntagResources";
const _URI = "UntagResourcesInput";
const _URO = "UntagResourcesOutput";
const _V = "Value";
const _Va = "Values";
const _c = "client";
const _e = "error";
const _h = "http";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.resourcegroupstaggingapi";
const _se = "server";
const n0 = "com.amazonaws.resourcegroupstaggingapi";
const _s_registry = new TypeRegistry(_s);
var ResourceGroupsTaggingAPIServiceException$ = [-3, _s, "ResourceGroupsTaggingAPIServiceException", 0, [], []];
_s_registry.registerError(ResourceGroupsTaggingAPIServiceException$, ResourceGroupsTaggingAPIServiceException);
const n0_registry = new TypeRegistry(n0);
var ConcurrentModificationException$ = [-3, n0, _CME,
    { [_e]: _c },
    [_M],
    [0]
];
n0_registry.registerError(ConcurrentModificationException$, ConcurrentModificationException);
var ConstraintViolationException$ = [-3, n0, _CVE,
    { [_e]: _c },
    [_M],
    [0]
];
n0_registry.registerError(ConstraintViolationException$, ConstraintViolationException);
var InternalServiceException$ = [-3, n0, _ISE,
    { [_e]: _se },
    [_M],
    [0]
];
n0_registry.registerError(InternalServiceException$, InternalServiceException);
var InvalidParameterException$ = [-3, n0, _IPE,
    { [_e]: _c },
    [_M],
    [0]
];
n0_registry.registerError(InvalidParameterException$, InvalidParameterException);
var PaginationTokenExpiredException$ = [-3, n0, _PTEE,
    { [_e]: _c },
    [_M],
    [0]
];
n0_registry.registerError(PaginationTokenExpiredException$, PaginationTokenExpiredException);
var ThrottledException$ = [-3, n0, _TE,
    { [_e]: _c },
    [_M],
    [0]
];
n0_registry.registerError(ThrottledException$, ThrottledException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var ComplianceDetails$ = [3, n0, _CD,
    0,
    [_NK, _KWNV, _MTK, _CS],
    [64 | 0, 64 | 0, 64 | 0, 2]
];
var DescribeReportCreationInput$ = [3, n0, _DRCI,
    0,
    [],
    []
];
var DescribeReportCreationOutput$ = [3, n0, _DRCO,
    0,
    [_S, _SL, _SD, _EM],
    [0, 0, 0, 0]
];
var FailureInfo$ = [3, n0, _FI,
    0,
    [_SC, _EC, _EM],
    [1, 0, 0]
];
var GetComplianceSummaryInput$ = [3, n0, _GCSI,
    0,
    [_TIF, _RF, _RTF, _TKF, _GB, _MR, _PT],
    [64 | 0, 64 | 0, 64 | 0, 64 | 0, 64 | 0, 1, 0]
];
var GetComplianceSummaryOutput$ = [3, n0, _GCSO,
    0,
    [_SLu, _PT],
    [() => SummaryList, 0]
];
var GetResourcesInput$ = [3, n0, _GRI,
    0,
    [_PT, _TF, _RPP, _TPP, _RTF, _ICD, _ECR, _RARNL],
    [0, () => TagFilterList, 1, 1, 64 | 0, 2, 2, 64 | 0]
];
var GetResourcesOutput$ = [3, n0, _GRO,
    0,
    [_PT, _RTML],
    [0, () => ResourceTagMappingList]
];
var GetTagKeysInput$ = [3, n0, _GTKI,
    0,
    [_PT],
    [0]
];
var GetTagKeysOutput$ = [3, n0, _GTKO,
    0,
    [_PT, _TK],
    [0, 64 | 0]
];
var GetTagValuesInput$ = [3, n0, _GTVI,
    0,
    [_K, _PT],
    [0, 0], 1
];
var GetTagValuesOutput$ = [3, n0, _GTVO,
    0,
    [_PT, _TV],
    [0, 64 | 0]
];
var ListRequiredTagsInput$ = [3, n0, _LRTI,
    0,
    [_NT, _MR],
    [0, 1]
];
var ListRequiredTagsOutput$ = [3, n0, _LRTO,
    0,
    [_RT, _NT],
    [() => RequiredTagsForListRequiredTags, 0]
];
var RequiredTag$ = [3, n0, _RTe,
    0,
    [_RTes, _CFRT, _RTK],
    [0, 64 | 0, 64 | 0]
];
var ResourceTagMapping$ = [3, n0, _RTM,
    0,
    [_RARN, _T, _CD],
    [0, () => TagList, () => ComplianceDetails$]
];
var StartReportCreationInput$ = [3, n0, _SRCI,
    0,
    [_SB],
    [0], 1
];
var StartReportCreationOutput$ = [3, n0, _SRCO,
    0,
    [],
    []
];
var Summary$ = [3, n0, _Su,
    0,
    [_LU, _TI, _TIT, _R, _RTes, _NCR],
    [0, 0, 0, 0, 0, 1]
];
var Tag$ = [3, n0, _Ta,
    0,
    [_K, _V],
    [0, 0], 2
];
var TagFilter$ = [3, n0, _TFa,
    0,
    [_K, _Va],
    [0, 64 | 0]
];
var TagResourcesInput$ = [3, n0, _TRI,
    0,
    [_RARNL, _T],
    [64 | 0, 128 | 0], 2
];
var TagResourcesOutput$ = [3, n0, _TRO,
    0,
    [_FRM],
    [() => FailedResourcesMap]
];
var UntagResourcesInput$ = [3, n0, _URI,
    0,
    [_RARNL, _TK],
    [64 | 0, 64 | 0], 2
];
var UntagResourcesOutput$ = [3, n0, _URO,
    0,
    [_FRM],
    [() => FailedResourcesMap]
];
var RequiredTagsForListRequiredTags = [1, n0, _RTFLRT,
    0, () => RequiredTag$
];
var ResourceTagMappingList = [1, n0, _RTML,
    0, () => ResourceTagMapping$
];
var SummaryList = [1, n0, _SLu,
    0, () => Summary$
];
var TagFilterList = [1, n0, _TFL,
    0, () => TagFilter$
];
var TagList = [1, n0, _TL,
    0, () => Tag$
];
var FailedResourcesMap = [2, n0, _FRM,
    0, 0, () => FailureInfo$
];
var DescribeReportCreation$ = [9, n0, _DRC,
    { [_h]: ["POST", "/DescribeReportCreation", 200] }, () => DescribeReportCreationInput$, () => DescribeReportCreationOutput$
];
var GetComplianceSummary$ = [9, n0, _GCS,
    { [_h]: ["POST", "/GetComplianceSummary", 200] }, () => GetComplianceSummaryInput$, () => GetComplianceSummaryOutput$
];
var GetResources$ = [9, n0, _GR,
    { [_h]: ["POST", "/GetResources", 200] }, () => GetResourcesInput$, () => GetResourcesOutput$
];
var GetTagKeys$ = [9, n0, _GTK,
    { [_h]: ["POST", "/GetTagKeys", 200] }, () => GetTagKeysInput$, () => GetTagKeysOutput$
];
var GetTagValues$ = [9, n0, _GTV,
    { [_h]: ["POST", "/GetTagValues", 200] }, () => GetTagValuesInput$, () => GetTagValuesOutput$
];
var ListRequiredTags$ = [9, n0, _LRT,
    { [_h]: ["POST", "/ListRequiredTags", 200] }, () => ListRequiredTagsInput$, () => ListRequiredTagsOutput$
];
var StartReportCreation$ = [9, n0, _SRC,
    { [_h]: ["POST", "/StartReportCreation", 200] }, () => StartReportCreationInput$, () => StartReportCreationOutput$
];
var TagResources$ = [9, n0, _TR,
    { [_h]: ["POST", "/TagResources", 200] }, () => TagResourcesInput$, () => TagResourcesOutput$
];
var UntagResources$ = [9, n0, _UR,
    { [_h]: ["POST", "/UntagResources", 200] }, () => UntagResourcesInput$, () => UntagResourcesOutput$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2017-01-26",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultResourceGroupsTaggingAPIHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.resourcegroupstaggingapi",
            errorTypeRegistries,
            version: "2017-01-26",
            serviceTarget: "ResourceGroupsTaggingAPI_20170126",
        },
        serviceId: config?.serviceId ?? "Resource Groups Tagging API",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class ResourceGroupsTaggingAPIClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultResourceGroupsTaggingAPIHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "ResourceGroupsTaggingAPI_20170126", "ResourceGroupsTaggingAPIClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class DescribeReportCreationCommand extends command(_ep0, _mw0, "DescribeReportCreation", DescribeReportCreation$) {
}

class GetComplianceSummaryCommand extends command(_ep0, _mw0, "GetComplianceSummary", GetComplianceSummary$) {
}

class GetResourcesCommand extends command(_ep0, _mw0, "GetResources", GetResources$) {
}

class GetTagKeysCommand extends command(_ep0, _mw0, "GetTagKeys", GetTagKeys$) {
}

class GetTagValuesCommand extends command(_ep0, _mw0, "GetTagValues", GetTagValues$) {
}

class ListRequiredTagsCommand extends command(_ep0, _mw0, "ListRequiredTags", ListRequiredTags$) {
}

class StartReportCreationCommand extends command(_ep0, _mw0, "StartReportCreation", StartReportCreation$) {
}

class TagResourcesCommand extends command(_ep0, _mw0, "TagResources", TagResources$) {
}

class UntagResourcesCommand extends command(_ep0, _mw0, "UntagResources", UntagResources$) {
}

const paginateGetComplianceSummary = createPaginator(ResourceGroupsTaggingAPIClient, GetComplianceSummaryCommand, "PaginationToken", "PaginationToken", "MaxResults");

const paginateGetResources = createPaginator(ResourceGroupsTaggingAPIClient, GetResourcesCommand, "PaginationToken", "PaginationToken", "ResourcesPerPage");

const paginateGetTagKeys = createPaginator(ResourceGroupsTaggingAPIClient, GetTagKeysCommand, "PaginationToken", "PaginationToken", "");

const paginateGetTagValues = createPaginator(ResourceGroupsTaggingAPIClient, GetTagValuesCommand, "PaginationToken", "PaginationToken", "");

const paginateListRequiredTags = createPaginator(ResourceGroupsTaggingAPIClient, ListRequiredTagsCommand, "NextToken", "NextToken", "MaxResults");

const commands = {
    DescribeReportCreationCommand,
    GetComplianceSummaryCommand,
    GetResourcesCommand,
    GetTagKeysCommand,
    GetTagValuesCommand,
    ListRequiredTagsCommand,
    StartReportCreationCommand,
    TagResourcesCommand,
    UntagResourcesCommand,
};
const paginators = {
    paginateGetComplianceSummary,
    paginateGetResources,
    paginateGetTagKeys,
    paginateGetTagValues,
    paginateListRequiredTags,
};
class ResourceGroupsTaggingAPI extends ResourceGroupsTaggingAPIClient {
}
createAggregatedClient(commands, ResourceGroupsTaggingAPI, { paginators });

const ErrorCode = {
    INTERNAL_SERVICE_EXCEPTION: "InternalServiceException",
    INVALID_PARAMETER_EXCEPTION: "InvalidParameterException",
};
const GroupByAttribute = {
    REGION: "REGION",
    RESOURCE_TYPE: "RESOURCE_TYPE",
    TARGET_ID: "TARGET_ID",
};
const TargetIdType = {
    ACCOUNT: "ACCOUNT",
    OU: "OU",
    ROOT: "ROOT",
};

__webpack_unused_export__ = ComplianceDetails$;
__webpack_unused_export__ = ConcurrentModificationException;
__webpack_unused_export__ = ConcurrentModificationException$;
__webpack_unused_export__ = ConstraintViolationException;
__webpack_unused_export__ = ConstraintViolationException$;
__webpack_unused_export__ = DescribeReportCreation$;
__webpack_unused_export__ = DescribeReportCreationCommand;
__webpack_unused_export__ = DescribeReportCreationInput$;
__webpack_unused_export__ = DescribeReportCreationOutput$;
__webpack_unused_export__ = ErrorCode;
__webpack_unused_export__ = FailureInfo$;
__webpack_unused_export__ = GetComplianceSummary$;
__webpack_unused_export__ = GetComplianceSummaryCommand;
__webpack_unused_export__ = GetComplianceSummaryInput$;
__webpack_unused_export__ = GetComplianceSummaryOutput$;
__webpack_unused_export__ = GetResources$;
exports.GetResourcesCommand = GetResourcesCommand;
__webpack_unused_export__ = GetResourcesInput$;
__webpack_unused_export__ = GetResourcesOutput$;
__webpack_unused_export__ = GetTagKeys$;
__webpack_unused_export__ = GetTagKeysCommand;
__webpack_unused_export__ = GetTagKeysInput$;
__webpack_unused_export__ = GetTagKeysOutput$;
__webpack_unused_export__ = GetTagValues$;
__webpack_unused_export__ = GetTagValuesCommand;
__webpack_unused_export__ = GetTagValuesInput$;
__webpack_unused_export__ = GetTagValuesOutput$;
__webpack_unused_export__ = GroupByAttribute;
__webpack_unused_export__ = InternalServiceException;
__webpack_unused_export__ = InternalServiceException$;
__webpack_unused_export__ = InvalidParameterException;
__webpack_unused_export__ = InvalidParameterException$;
__webpack_unused_export__ = ListRequiredTags$;
__webpack_unused_export__ = ListRequiredTagsCommand;
__webpack_unused_export__ = ListRequiredTagsInput$;
__webpack_unused_export__ = ListRequiredTagsOutput$;
__webpack_unused_export__ = PaginationTokenExpiredException;
__webpack_unused_export__ = PaginationTokenExpiredException$;
__webpack_unused_export__ = RequiredTag$;
__webpack_unused_export__ = ResourceGroupsTaggingAPI;
exports.ResourceGroupsTaggingAPIClient = ResourceGroupsTaggingAPIClient;
__webpack_unused_export__ = ResourceGroupsTaggingAPIServiceException;
__webpack_unused_export__ = ResourceGroupsTaggingAPIServiceException$;
__webpack_unused_export__ = ResourceTagMapping$;
__webpack_unused_export__ = StartReportCreation$;
__webpack_unused_export__ = StartReportCreationCommand;
__webpack_unused_export__ = StartReportCreationInput$;
__webpack_unused_export__ = StartReportCreationOutput$;
__webpack_unused_export__ = Summary$;
__webpack_unused_export__ = Tag$;
__webpack_unused_export__ = TagFilter$;
__webpack_unused_export__ = TagResources$;
__webpack_unused_export__ = TagResourcesCommand;
__webpack_unused_export__ = TagResourcesInput$;
__webpack_unused_export__ = TagResourcesOutput$;
__webpack_unused_export__ = TargetIdType;
__webpack_unused_export__ = ThrottledException;
__webpack_unused_export__ = ThrottledException$;
__webpack_unused_export__ = UntagResources$;
__webpack_unused_export__ = UntagResourcesCommand;
__webpack_unused_export__ = UntagResourcesInput$;
__webpack_unused_export__ = UntagResourcesOutput$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateGetComplianceSummary;
__webpack_unused_export__ = paginateGetResources;
__webpack_unused_export__ = paginateGetTagKeys;
__webpack_unused_export__ = paginateGetTagValues;
__webpack_unused_export__ = paginateListRequiredTags;


/***/ })

};
