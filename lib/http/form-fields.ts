/**
 * A form field as a string: '' when it is missing, or when it is a file (a server action is a
 * public endpoint: what it receives need not be the form it expects, nor even FormData).
 */
export function formText(formData: FormData, name: string): string {
  const value = formData instanceof FormData ? formData.get(name) : null;
  return typeof value === 'string' ? value : '';
}
