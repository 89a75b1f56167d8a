import { useCallback, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type RequestBody, type RequestSchemaKey } from '@chainloom/sdk';
import { errorMessage, issueMessage } from './errors';

let validation: Promise<typeof import('./validation')> | undefined;
/** The validation code (with zod), fetched once, when the first form is touched or submitted. */
const loadValidation = () => (validation ??= import('./validation'));

/**
 * Form state checked with the API's own schema for the request (see requestSchema in the SDK):
 * the same lengths, patterns and ranges, with messages in the user's language. Server answers
 * (400 field errors, other problems) land in the same place.
 */
export function useApiForm<K extends RequestSchemaKey, V extends Record<string, unknown>>(key: K, initial: V, toBody: (values: V) => unknown = (v) => v) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const set = useCallback(<F extends keyof V>(field: F, value: V[F]) => {
    void loadValidation();
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => {
      if (!(String(field) in e)) return e;
      const next = { ...e };
      delete next[String(field)];
      return next;
    });
  }, []);

  /** The request body when valid; otherwise undefined, with each field's message set. */
  const validate = async (): Promise<RequestBody<K> | undefined> => {
    setFormError(null);
    const { fieldIssues, requestSchema } = await loadValidation();
    const parsed = requestSchema(key).safeParse(toBody(values));
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    const messages: Record<string, string> = {};
    for (const [field, issue] of Object.entries(fieldIssues(parsed.error))) messages[field.split('.')[0] ?? field] ??= issueMessage(t, issue);
    setErrors(messages);
    return undefined;
  };

  /** Checks only these fields (a wizard step); true when none of them has an issue. */
  const validateFields = async (fields: string[]): Promise<boolean> => {
    const { fieldIssues, requestSchema } = await loadValidation();
    const parsed = requestSchema(key).safeParse(toBody(values));
    const messages: Record<string, string> = {};
    if (!parsed.success) {
      for (const [field, issue] of Object.entries(fieldIssues(parsed.error))) {
        const top = field.split('.')[0] ?? field;
        if (fields.includes(top)) messages[top] ??= issueMessage(t, issue);
      }
    }
    setErrors(messages);
    return Object.keys(messages).length === 0;
  };

  /** A form's onSubmit: validates, then calls `send` with the typed body. */
  const onSubmit = (send: (body: RequestBody<K>) => void) => (event: FormEvent) => {
    event.preventDefault();
    void validate().then((body) => {
      if (body) send(body);
    });
  };

  /** Shows a failed request: field errors next to fields, the rest above the form. */
  const fail = (error: unknown) => {
    if (isApiError(error) && error.code === 'validation_failed') {
      // The server's messages are English; these fields failed a rule the form could not check.
      const known: Record<string, string> = {};
      for (const [field, message] of Object.entries(error.fieldErrors())) {
        const top = field.split('.')[0] ?? field;
        if (top in values) known[top] ??= message;
      }
      if (Object.keys(known).length > 0) {
        setErrors(known);
        return;
      }
    }
    setFormError(errorMessage(t, error));
  };

  /** Props for a Mantine text input bound to a string field. */
  const text = (field: keyof V & string) => ({
    value: String(values[field] ?? ''),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(field, event.currentTarget.value as V[typeof field]),
    error: errors[field],
    name: field,
  });

  return { values, set, errors, setErrors, formError, setFormError, validate, validateFields, onSubmit, fail, text, reset: () => setValues(initial) };
}
