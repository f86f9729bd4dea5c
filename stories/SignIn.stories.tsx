import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { SignIn } from '../packages/plugin/src/app/SignIn.tsx';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Platform/Sign in',
  component: SignIn,
  decorators: [withStudio],
  args: { onSignIn: fn(), refusal: null },
} satisfies Meta<typeof SignIn>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The sign-in form: Sign in waits for a token, and sends it without surrounding spaces. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const form = within(canvasElement);
    const signIn = form.getByRole('button', { name: 'Sign in' });
    await expect(signIn).toBeDisabled();
    await userEvent.type(form.getByLabelText('Bearer token'), '  a-token  ');
    await userEvent.click(signIn);
    await expect(args.onSignIn).toHaveBeenCalledWith('a-token');
  },
};

/** The form in the dark theme. */
export const Dark: Story = { ...Typical, globals: { theme: 'dark' } };

const refusal = 'The server did not accept that token; check it and sign in again.';

/** A refused token: the token field's error, announced, gone once another token is typed. */
export const Refused: Story = {
  args: { refusal },
  play: async ({ canvasElement }) => {
    const form = within(canvasElement);
    const field = form.getByLabelText('Bearer token');
    const alert = form.getByRole('alert');
    await expect(alert).toHaveTextContent(refusal);
    await expect(alert).toHaveClass('efs-field__error');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(refusal);
    await userEvent.type(field, 'another');
    await expect(form.queryByRole('alert')).toBeNull();
  },
};

/** The refusal in the dark theme. */
export const RefusedDark: Story = { ...Refused, globals: { theme: 'dark' } };
