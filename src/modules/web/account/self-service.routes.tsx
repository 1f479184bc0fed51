import { ValidationError } from '../../../platform/http/errors.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import { fieldValue, formFields, type PageRoutes, signedInUser, type WebDeps } from '../shell/page-routes.js';
import { linkPage } from './account.routes.js';
import {
  CheckMailPage,
  DeleteAccountPage,
  ForgotPasswordPage,
  SignUpPage,
  VerifyPage,
} from './self-service.page.js';

/** Sign-up, the address confirmed, a forgotten password, erasing one's account. */
export function selfServiceRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { cookies } = deps;
  const { accounts } = deps.community;
  const empty = { name: '', email: '', fullname: '' };

  pages.get('signUp', async (page) => {
    if (page.actor.user) return page.redirect('workspace');
    return <SignUpPage ctx={page.context({ page: 'signUp' })} view={{ values: empty, errors: {} }} />;
  });

  pages.post('signUp', async (page) => {
    const fields = formFields(page, cookies);
    const values = {
      name: fieldValue(fields.name).trim(),
      email: fieldValue(fields.email).trim(),
      fullname: fieldValue(fields.fullname).trim(),
    };
    try {
      // A robot filled the hidden field: the same answer, nothing created.
      if (fieldValue(fields.website) === '')
        await accounts.signUp(
          { ...values, fullname: values.fullname || null, password: fieldValue(fields.password) },
          page.request.ip,
        );
      return page.redirect('signUpSent');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, ['name', 'email', 'fullname', 'password']);
      return <SignUpPage ctx={page.context({ page: 'signUp' })} view={{ values, errors }} />;
    }
  });

  pages.get('signUpSent', async (page) => <CheckMailPage ctx={page.context({ page: 'signUpSent' })} />);

  pages.get('accountVerify', async (page) => {
    linkPage(page);
    const token = page.params.token ?? '';
    const ctx = page.context({ page: 'accountVerify', params: { token } });
    // Only shown: the button confirms (mail scanners open links without meaning to confirm).
    const valid = token.length > 0 && token.length <= 100;
    return <VerifyPage ctx={ctx} view={{ token, valid }} />;
  });

  pages.post('accountVerify', async (page) => {
    linkPage(page);
    formFields(page, cookies);
    const token = page.params.token ?? '';
    const name = await accounts.verify(token);
    if (!name) {
      page.reply.code(410);
      const ctx = page.context({ page: 'accountVerify', params: { token } });
      return <VerifyPage ctx={ctx} view={{ token, valid: false }} />;
    }
    cookies.notify(page.reply, 'emailVerified');
    return page.actor.user ? page.redirect('workspace') : page.redirect('signIn');
  });

  pages.get('forgotPassword', async (page) => (
    <ForgotPasswordPage ctx={page.context({ page: 'forgotPassword' })} view={{ email: '', errors: {} }} />
  ));

  pages.post('forgotPassword', async (page) => {
    const fields = formFields(page, cookies);
    const email = fieldValue(fields.email).trim();
    if (email === '') {
      page.reply.code(422);
      return (
        <ForgotPasswordPage
          ctx={page.context({ page: 'forgotPassword' })}
          view={{ email, errors: { email: page.t('fieldRequired') } }}
        />
      );
    }
    await accounts.requestReset(email, page.request.ip);
    return page.redirect('signUpSent');
  });

  pages.get('deleteAccount', async (page) => {
    const user = signedInUser(page);
    return (
      <DeleteAccountPage
        ctx={page.context({ page: 'deleteAccount' })}
        view={{ userName: user.name, errors: {} }}
      />
    );
  });

  pages.post('deleteAccount', async (page) => {
    const user = signedInUser(page);
    const fields = formFields(page, cookies);
    try {
      await accounts.deleteOwn(page.actor, fieldValue(fields.password));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, ['password']);
      return (
        <DeleteAccountPage
          ctx={page.context({ page: 'deleteAccount' })}
          view={{ userName: user.name, errors }}
        />
      );
    }
    cookies.signOut(page.reply);
    cookies.notify(page.reply, 'accountDeleted');
    return page.redirect('home');
  });

  pages.post('resendVerification', async (page) => {
    signedInUser(page);
    formFields(page, cookies);
    if (await accounts.resendVerification(page.actor, page.request.ip))
      cookies.notify(page.reply, 'verificationSent');
    return page.redirect('workspace');
  });
}
