-- Fewer than 3 app_open events in the last 30 days (zero included); push opt-in with a device.
SELECT c.customer_id
FROM customers c
WHERE c.push_opt_in
  AND c.device_os <> 'none'
  AND (
    SELECT count(*) FROM events e
    WHERE e.customer_id = c.customer_id
      AND e.event_type = 'app_open'
      AND e.event_ts::DATE BETWEEN {{as_of}} - 30 AND {{as_of}}
  ) < 3
