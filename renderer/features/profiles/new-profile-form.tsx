import { useState, type FormEvent } from 'react';
import { profileName } from './profile-template';

/** A name for a new profile (from the template), written to the data dir's profiles on save. */
export function NewProfileForm({ onCreate }: { onCreate(name: string): void }) {
  const [input, setInput] = useState('');
  const name = profileName(input);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name) onCreate(name);
  };
  return (
    <form className="new-profile" onSubmit={submit}>
      <label>
        New profile name
        <input
          value={input}
          onChange={(event) => setInput(event.target.value)}
          aria-invalid={input !== '' && name === null}
          placeholder="my-scenario"
        />
      </label>
      <button type="submit" disabled={name === null}>
        New profile
      </button>
      {input !== '' && name === null && (
        <span className="field-error">lower-case letters, digits, ".", "_" or "-"</span>
      )}
    </form>
  );
}
