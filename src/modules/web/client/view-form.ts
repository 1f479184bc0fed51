/**
 * The form that saves a chart or a map: only the fields the chosen kind uses show. Each field's
 * wrapper says its kinds (`data-view-kinds="bar line"`); without this script every field shows,
 * its label naming the kinds that use it, and the server ignores the others.
 */
for (const form of document.querySelectorAll<HTMLFormElement>('#formulaire-vue')) follow(form);

function follow(form: HTMLFormElement): void {
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="kind"]')];
  const fields = [...form.querySelectorAll<HTMLElement>('[data-view-kinds]')];
  const update = () => {
    const kind = radios.find((radio) => radio.checked)?.value ?? 'bar';
    for (const field of fields) {
      const used = (field.dataset.viewKinds ?? '').split(' ').includes(kind);
      field.hidden = !used;
      // A hidden field is not sent: the view's spec holds only what its kind uses.
      for (const control of field.querySelectorAll<HTMLSelectElement>('select')) control.disabled = !used;
    }
  };
  for (const radio of radios) radio.addEventListener('change', update);
  update();
}
