// JSON schemas of the request bodies, as the API validates them (zod → JSON schema).
// Generated from /v1/openapi.json by libs/sdk/test/generate.ts (npx nx run sdk:generate). Do not edit:
// libs/sdk/src/openapi-drift.int-spec.ts fails when this file differs from what the API produces.

export type RequestSchemaKey =
  | "POST /rpc/{networkId}"
  | "PUT /v1/admin/notary"
  | "PATCH /v1/admin/tenants/{id}"
  | "POST /v1/admin/tenants/{id}/suspend"
  | "POST /v1/admin/verifications/{id}/approve"
  | "POST /v1/admin/verifications/{id}/reject"
  | "POST /v1/api-keys"
  | "POST /v1/certificates"
  | "PUT /v1/certificates/anchor-targets"
  | "POST /v1/certificates/batch"
  | "POST /v1/contracts/{id}/call"
  | "POST /v1/contracts/{id}/send"
  | "POST /v1/invitations"
  | "POST /v1/invitations/accept"
  | "PATCH /v1/members/{id}"
  | "POST /v1/networks"
  | "POST /v1/networks/{id}/contracts"
  | "POST /v1/networks/{id}/nodes"
  | "POST /v1/public/verify"
  | "POST /v1/sessions"
  | "PUT /v1/sessions/current/tenant"
  | "POST /v1/signup"
  | "PATCH /v1/tenant"
  | "POST /v1/tenant/verification"
  | "POST /v1/verify"
  | "POST /v1/webhooks";

export const requestSchemas: Record<RequestSchemaKey, object> = {
  "POST /rpc/{networkId}": {},
  "PUT /v1/admin/notary": {
    "type": "object",
    "properties": {
      "networkId": {
        "type": "string",
        "pattern": "^net_[0-9a-hjkmnp-tv-z]{26}$"
      }
    },
    "required": [
      "networkId"
    ],
    "additionalProperties": false
  },
  "PATCH /v1/admin/tenants/{id}": {
    "type": "object",
    "properties": {
      "plan": {
        "type": "string",
        "enum": [
          "FREE",
          "STANDARD",
          "ENTERPRISE"
        ]
      },
      "quotaOverrides": {
        "type": "object",
        "properties": {
          "networks": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100000
          },
          "nodesPerNetwork": {
            "type": "integer",
            "minimum": 0,
            "maximum": 1000
          },
          "certificatesPerMonth": {
            "type": "integer",
            "minimum": 0,
            "maximum": 1000000000000
          },
          "requestsPerSecondPerKey": {
            "type": "integer",
            "minimum": 0,
            "maximum": 1000000
          },
          "apiKeys": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100000
          }
        },
        "additionalProperties": false
      }
    },
    "additionalProperties": false
  },
  "POST /v1/admin/tenants/{id}/suspend": {
    "type": "object",
    "properties": {
      "reason": {
        "type": "string",
        "minLength": 3,
        "maxLength": 1000
      }
    },
    "required": [
      "reason"
    ],
    "additionalProperties": false
  },
  "POST /v1/admin/verifications/{id}/approve": {
    "type": "object",
    "properties": {
      "reason": {
        "type": "string",
        "maxLength": 1000
      }
    },
    "additionalProperties": false
  },
  "POST /v1/admin/verifications/{id}/reject": {
    "type": "object",
    "properties": {
      "reason": {
        "type": "string",
        "minLength": 3,
        "maxLength": 1000
      }
    },
    "required": [
      "reason"
    ],
    "additionalProperties": false
  },
  "POST /v1/api-keys": {
    "type": "object",
    "properties": {
      "name": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      },
      "scopes": {
        "minItems": 1,
        "maxItems": 10,
        "type": "array",
        "items": {
          "type": "string",
          "enum": [
            "networks:read",
            "networks:write",
            "contracts:read",
            "contracts:write",
            "certificates:read",
            "certificates:write",
            "webhooks:manage",
            "rpc",
            "usage:read",
            "audit:read"
          ]
        }
      },
      "expiresAt": {
        "type": "string",
        "format": "date-time",
        "pattern": "^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z))$"
      }
    },
    "required": [
      "name",
      "scopes"
    ],
    "additionalProperties": false
  },
  "POST /v1/certificates": {
    "type": "object",
    "properties": {
      "contentHash": {
        "type": "string",
        "pattern": "^0x[0-9a-fA-F]{64}$"
      },
      "hashAlgorithm": {
        "default": "sha256",
        "type": "string",
        "enum": [
          "sha256",
          "keccak256"
        ]
      },
      "metadata": {
        "type": "object",
        "propertyNames": {
          "type": "string"
        },
        "additionalProperties": {
          "anyOf": [
            {
              "type": "string"
            },
            {
              "type": "number"
            },
            {
              "type": "boolean"
            },
            {
              "type": "null"
            },
            {
              "type": "array",
              "items": {}
            },
            {
              "type": "object",
              "propertyNames": {
                "type": "string"
              },
              "additionalProperties": {}
            }
          ]
        }
      },
      "externalId": {
        "type": "string",
        "minLength": 1,
        "maxLength": 200
      },
      "salted": {
        "default": false,
        "type": "boolean"
      }
    },
    "required": [
      "contentHash"
    ],
    "additionalProperties": false
  },
  "PUT /v1/certificates/anchor-targets": {
    "type": "object",
    "properties": {
      "networkIds": {
        "minItems": 1,
        "maxItems": 8,
        "type": "array",
        "items": {
          "type": "string",
          "pattern": "^net_[0-9a-hjkmnp-tv-z]{26}$"
        }
      }
    },
    "required": [
      "networkIds"
    ],
    "additionalProperties": false
  },
  "POST /v1/certificates/batch": {
    "type": "object",
    "properties": {
      "items": {
        "minItems": 1,
        "maxItems": 10000,
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "contentHash": {
              "type": "string",
              "pattern": "^0x[0-9a-fA-F]{64}$"
            },
            "hashAlgorithm": {
              "default": "sha256",
              "type": "string",
              "enum": [
                "sha256",
                "keccak256"
              ]
            },
            "metadata": {
              "type": "object",
              "propertyNames": {
                "type": "string"
              },
              "additionalProperties": {
                "anyOf": [
                  {
                    "type": "string"
                  },
                  {
                    "type": "number"
                  },
                  {
                    "type": "boolean"
                  },
                  {
                    "type": "null"
                  },
                  {
                    "type": "array",
                    "items": {}
                  },
                  {
                    "type": "object",
                    "propertyNames": {
                      "type": "string"
                    },
                    "additionalProperties": {}
                  }
                ]
              }
            },
            "externalId": {
              "type": "string",
              "minLength": 1,
              "maxLength": 200
            },
            "salted": {
              "default": false,
              "type": "boolean"
            }
          },
          "required": [
            "contentHash"
          ],
          "additionalProperties": false
        }
      }
    },
    "required": [
      "items"
    ],
    "additionalProperties": false
  },
  "POST /v1/contracts/{id}/call": {
    "type": "object",
    "properties": {
      "function": {
        "type": "string",
        "minLength": 1,
        "maxLength": 200
      },
      "args": {
        "default": [],
        "maxItems": 32,
        "type": "array",
        "items": {}
      },
      "value": {
        "type": "string",
        "pattern": "^\\d{1,60}$"
      }
    },
    "required": [
      "function"
    ],
    "additionalProperties": false
  },
  "POST /v1/contracts/{id}/send": {
    "type": "object",
    "properties": {
      "function": {
        "type": "string",
        "minLength": 1,
        "maxLength": 200
      },
      "args": {
        "default": [],
        "maxItems": 32,
        "type": "array",
        "items": {}
      },
      "value": {
        "type": "string",
        "pattern": "^\\d{1,60}$"
      }
    },
    "required": [
      "function"
    ],
    "additionalProperties": false
  },
  "POST /v1/invitations": {
    "type": "object",
    "properties": {
      "email": {
        "type": "string",
        "maxLength": 254,
        "format": "email",
        "pattern": "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
      },
      "role": {
        "type": "string",
        "enum": [
          "OWNER",
          "ADMIN",
          "DEVELOPER",
          "VIEWER"
        ]
      }
    },
    "required": [
      "email",
      "role"
    ],
    "additionalProperties": false
  },
  "POST /v1/invitations/accept": {
    "type": "object",
    "properties": {
      "token": {
        "type": "string",
        "minLength": 10,
        "maxLength": 200
      },
      "name": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      },
      "password": {
        "type": "string",
        "minLength": 1,
        "maxLength": 256
      }
    },
    "required": [
      "token",
      "password"
    ],
    "additionalProperties": false
  },
  "PATCH /v1/members/{id}": {
    "type": "object",
    "properties": {
      "role": {
        "type": "string",
        "enum": [
          "OWNER",
          "ADMIN",
          "DEVELOPER",
          "VIEWER"
        ]
      }
    },
    "required": [
      "role"
    ],
    "additionalProperties": false
  },
  "POST /v1/networks": {
    "type": "object",
    "properties": {
      "name": {
        "type": "string",
        "minLength": 1,
        "maxLength": 80
      },
      "protocol": {
        "type": "string",
        "enum": [
          "dev",
          "besu-qbft",
          "external"
        ]
      },
      "driver": {
        "type": "string",
        "enum": [
          "local",
          "kubernetes"
        ]
      },
      "nodeCount": {
        "type": "integer",
        "minimum": 1,
        "maximum": 64
      },
      "validators": {
        "type": "integer",
        "minimum": 1,
        "maximum": 16
      },
      "rpcNodes": {
        "type": "integer",
        "minimum": 0,
        "maximum": 8
      },
      "allowSmallValidatorSet": {
        "type": "boolean"
      },
      "blockTimeSeconds": {
        "type": "integer",
        "minimum": 0,
        "maximum": 3600
      },
      "chainId": {
        "type": "integer",
        "minimum": 1,
        "maximum": 2147483647
      },
      "confirmations": {
        "type": "integer",
        "minimum": 0,
        "maximum": 128
      },
      "genesisAlloc": {
        "type": "object",
        "propertyNames": {
          "type": "string",
          "pattern": "^0x[0-9a-fA-F]{40}$"
        },
        "additionalProperties": {
          "type": "string",
          "pattern": "^\\d{1,60}$"
        }
      },
      "rpcUrl": {
        "type": "string",
        "maxLength": 500,
        "format": "uri"
      },
      "signerPrivateKey": {
        "type": "string",
        "pattern": "^0x[0-9a-fA-F]{64}$"
      }
    },
    "required": [
      "name",
      "protocol"
    ],
    "additionalProperties": false
  },
  "POST /v1/networks/{id}/contracts": {
    "anyOf": [
      {
        "type": "object",
        "properties": {
          "template": {
            "type": "string",
            "enum": [
              "anchor-registry",
              "points-token"
            ]
          },
          "args": {
            "default": [],
            "maxItems": 32,
            "type": "array",
            "items": {}
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 80
          }
        },
        "required": [
          "template"
        ],
        "additionalProperties": false
      },
      {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 80
          },
          "abi": {
            "minItems": 1,
            "maxItems": 500,
            "type": "array",
            "items": {
              "type": "object",
              "propertyNames": {
                "type": "string"
              },
              "additionalProperties": {}
            }
          },
          "bytecode": {
            "type": "string",
            "pattern": "^0x([0-9a-fA-F]{2})*$"
          },
          "args": {
            "default": [],
            "maxItems": 32,
            "type": "array",
            "items": {}
          }
        },
        "required": [
          "name",
          "abi",
          "bytecode"
        ],
        "additionalProperties": false
      }
    ]
  },
  "POST /v1/networks/{id}/nodes": {
    "default": {
      "role": "validator"
    },
    "type": "object",
    "properties": {
      "role": {
        "default": "validator",
        "type": "string",
        "enum": [
          "validator",
          "rpc"
        ]
      }
    },
    "additionalProperties": false
  },
  "POST /v1/public/verify": {
    "anyOf": [
      {
        "type": "object",
        "properties": {
          "receipt": {}
        },
        "required": [
          "receipt"
        ],
        "additionalProperties": false
      },
      {
        "type": "object",
        "properties": {
          "contentHash": {
            "type": "string",
            "pattern": "^0x[0-9a-fA-F]{64}$"
          }
        },
        "required": [
          "contentHash"
        ],
        "additionalProperties": false
      }
    ]
  },
  "POST /v1/sessions": {
    "type": "object",
    "properties": {
      "email": {
        "type": "string",
        "maxLength": 254,
        "format": "email",
        "pattern": "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
      },
      "password": {
        "type": "string",
        "minLength": 1,
        "maxLength": 256
      },
      "tenantId": {
        "type": "string",
        "pattern": "^ten_[0-9a-hjkmnp-tv-z]{26}$"
      }
    },
    "required": [
      "email",
      "password"
    ],
    "additionalProperties": false
  },
  "PUT /v1/sessions/current/tenant": {
    "type": "object",
    "properties": {
      "tenantId": {
        "type": "string",
        "pattern": "^ten_[0-9a-hjkmnp-tv-z]{26}$"
      }
    },
    "required": [
      "tenantId"
    ],
    "additionalProperties": false
  },
  "POST /v1/signup": {
    "type": "object",
    "properties": {
      "tenantName": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      },
      "name": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      },
      "email": {
        "type": "string",
        "maxLength": 254,
        "format": "email",
        "pattern": "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
      },
      "password": {
        "type": "string",
        "minLength": 12,
        "maxLength": 256
      }
    },
    "required": [
      "tenantName",
      "name",
      "email",
      "password"
    ],
    "additionalProperties": false
  },
  "PATCH /v1/tenant": {
    "type": "object",
    "properties": {
      "name": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      }
    },
    "required": [
      "name"
    ],
    "additionalProperties": false
  },
  "POST /v1/tenant/verification": {
    "type": "object",
    "properties": {
      "companyName": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      },
      "registrationNumber": {
        "type": "string",
        "minLength": 2,
        "maxLength": 64
      },
      "country": {
        "type": "string",
        "pattern": "^[A-Z]{2}$"
      },
      "address": {
        "type": "string",
        "minLength": 5,
        "maxLength": 500
      },
      "contactName": {
        "type": "string",
        "minLength": 1,
        "maxLength": 120
      },
      "contactEmail": {
        "type": "string",
        "maxLength": 254,
        "format": "email",
        "pattern": "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
      }
    },
    "required": [
      "companyName",
      "registrationNumber",
      "country",
      "address",
      "contactName",
      "contactEmail"
    ],
    "additionalProperties": false
  },
  "POST /v1/verify": {
    "type": "object",
    "properties": {
      "contentHash": {
        "type": "string",
        "pattern": "^0x[0-9a-fA-F]{64}$"
      }
    },
    "required": [
      "contentHash"
    ],
    "additionalProperties": false
  },
  "POST /v1/webhooks": {
    "type": "object",
    "properties": {
      "url": {
        "type": "string",
        "maxLength": 2000,
        "format": "uri"
      },
      "events": {
        "minItems": 1,
        "maxItems": 2,
        "type": "array",
        "items": {
          "type": "string",
          "enum": [
            "certificate.confirmed",
            "anchor.failed"
          ]
        }
      }
    },
    "required": [
      "url",
      "events"
    ],
    "additionalProperties": false
  }
};
