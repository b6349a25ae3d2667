-- Promo code caps held by the database. Each use of a code takes one numbered slot per holder
-- (the customer's account, and each line the code discounted): slots run 1..cap, and the primary
-- key refuses a second holder of a slot, so two orders racing for the last use cannot both win,
-- whatever the code above does. A slot is reserved when the order is opened and redeemed when it
-- is activated; a reservation whose order failed, expired or was refunded unpaid is given back.
create table promo_claims (
  code text not null references promotions (code),
  holder_kind text not null check (holder_kind in ('customer', 'line')),
  holder text not null,
  slot integer not null check (slot > 0),
  order_id text not null references orders (id),
  status text not null check (status in ('reserved', 'redeemed')),
  created_at timestamptz not null,
  redeemed_at timestamptz,
  primary key (code, holder_kind, holder, slot)
);
create index promo_claims_order on promo_claims (order_id);

-- Where a quote was asked for: a code may be limited to the portal and API or to the counter.
alter table quotes add column channel text not null default 'online' check (channel in ('online', 'counter'));
update quotes set channel = 'counter' where customer_id is null;

-- Redemptions made before this table existed keep counting against the customer's cap.
insert into promo_claims (code, holder_kind, holder, slot, order_id, status, created_at, redeemed_at)
select r.code, 'customer', r.customer_id,
       row_number() over (partition by r.code, r.customer_id order by r.created_at, r.order_id),
       r.order_id, case when o.status = 'activated' then 'redeemed' else 'reserved' end, r.created_at,
       case when o.status = 'activated' then o.activated_at end
  from promo_redemptions r join orders o on o.id = r.order_id
 where r.customer_id is not null and o.status in ('pending_payment', 'paid', 'activated');
