/**
 * Sending a form to its action without React's automatic reset.
 *
 * After a `<form action={fn}>` submission React 19 calls the browser's `form.reset()`. A
 * controlled text field survives it (React keeps its `defaultValue` in step with `value`), but
 * a controlled `<select>` does not: the browser puts back the option marked as the default,
 * the placeholder, while the component's state still holds the choice (react#30580), and a
 * controlled radio goes back to the one that was checked when the page loaded. The way React
 * documents to keep a form as it is after its action is to submit it from `onSubmit` with
 * `preventDefault()` and to call the action inside a transition; `action` stays on the form, so
 * it still works before the page's JavaScript has loaded.
 *
 *   const [esito, invia, inCorso] = useActionState(azione, null);
 *   <form action={invia} onSubmit={inviaSenzaReset(invia)}>
 */
import { startTransition, type FormEvent } from "react";

export function inviaSenzaReset(invia: (dati: FormData) => void): (e: FormEvent<HTMLFormElement>) => void {
  return (e) => {
    e.preventDefault();
    // The pressed button's name and value go with the fields, as in a native submission.
    const dati = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => invia(dati));
  };
}
